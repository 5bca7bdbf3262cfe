package org.amtsgang.document.api.spi;

import java.util.List;
import org.amtsgang.document.api.dto.SearchHit;

/**
 * What the index found.
 *
 * @param hits the requested slice, best first
 * @param total how many entries matched in all, or at least (see {@code totalExact})
 * @param totalExact whether {@code total} is exact; an index may stop counting beyond a threshold,
 *     since counting every one of 100,000 matches costs more than finding the best twenty
 */
public record IndexHits(List<SearchHit> hits, long total, boolean totalExact) {

    public IndexHits {
        hits = List.copyOf(hits);
    }

    /** Hits with an exact total. */
    public IndexHits(List<SearchHit> hits, long total) {
        this(hits, total, true);
    }
}
