package org.amtsgang.document.api.dto;

import java.util.List;

/**
 * One page of search hits.
 *
 * @param items the hits, best first
 * @param page the page, from 0
 * @param size the page size
 * @param total how many hits there are in all; when {@code totalExact} is false, at least this many
 *     (shown as "more than 1,000": counting each of 100,000 matches would cost more than the page)
 * @param totalExact whether {@code total} is exact
 */
public record SearchPage(List<SearchHit> items, int page, int size, long total, boolean totalExact) {

    public SearchPage {
        items = List.copyOf(items);
    }

    /** A page with an exact total. */
    public SearchPage(List<SearchHit> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }
}
