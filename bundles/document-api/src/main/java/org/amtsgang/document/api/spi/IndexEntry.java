package org.amtsgang.document.api.spi;

import java.util.Map;
import java.util.Set;

/**
 * One page of a document, as the index sees it.
 *
 * @param documentId the document
 * @param version the version the text is from
 * @param page the page, from 1 (0: the metadata of a document without text)
 * @param title the document's title
 * @param type the document's kind
 * @param officeId its office
 * @param fields its metadata fields, matched exactly (and {@code address} also by words)
 * @param text the page's text, or empty
 * @param readers the reader keys that may see it (see {@link IndexQuery#readers()})
 */
public record IndexEntry(
        String documentId,
        int version,
        int page,
        String title,
        String type,
        String officeId,
        Map<String, String> fields,
        String text,
        Set<String> readers) {

    public IndexEntry {
        fields = Map.copyOf(fields);
        readers = Set.copyOf(readers);
        text = text == null ? "" : text;
    }
}
