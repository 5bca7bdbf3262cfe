package org.amtsgang.cases.api.dto;

import java.util.List;

/**
 * One page of cases.
 *
 * @param items the cases on this page
 * @param page the page, from 0
 * @param size the page size asked for
 * @param hasMore whether another page follows (lists are not counted in full: on an office's
 *     million cases that would cost more than the page)
 */
public record CasePage(List<CaseView> items, int page, int size, boolean hasMore) {

    public CasePage {
        items = List.copyOf(items);
    }
}
