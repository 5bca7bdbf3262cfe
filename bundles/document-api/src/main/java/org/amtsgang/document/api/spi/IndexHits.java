package org.amtsgang.document.api.spi;

import java.util.List;
import org.amtsgang.document.api.dto.SearchHit;

/**
 * What the index found.
 *
 * @param hits the requested slice, best first
 * @param total how many entries matched in all
 */
public record IndexHits(List<SearchHit> hits, long total) {

    public IndexHits {
        hits = List.copyOf(hits);
    }
}
