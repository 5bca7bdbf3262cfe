package org.amtsgang.document.api.dto;

import java.util.List;

/**
 * One page of documents.
 *
 * @param items the documents
 * @param page the page, from 0
 * @param size the page size
 * @param total how many there are in all
 */
public record DocumentPage(List<DocumentView> items, int page, int size, long total) {

    public DocumentPage {
        items = List.copyOf(items);
    }
}
