package org.amtsgang.document.api.spi;

import java.util.List;

/**
 * The new entries of one document; none removes it from the index.
 *
 * @param documentId the document
 * @param entries its entries, one per page
 */
public record IndexChange(String documentId, List<IndexEntry> entries) {

    public IndexChange {
        entries = List.copyOf(entries);
    }
}
