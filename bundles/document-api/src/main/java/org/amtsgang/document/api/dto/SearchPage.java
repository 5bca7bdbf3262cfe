package org.amtsgang.document.api.dto;

import java.util.List;

/**
 * One page of search hits.
 *
 * @param items the hits, best first
 * @param page the page, from 0
 * @param size the page size
 * @param total how many hits there are in all
 */
public record SearchPage(List<SearchHit> items, int page, int size, long total) {

    public SearchPage {
        items = List.copyOf(items);
    }
}
