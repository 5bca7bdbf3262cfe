package org.amtsgang.document.api.spi;

import java.util.Map;
import java.util.Set;

/**
 * A search in the index.
 *
 * @param text words to match in title, text and metadata (German analysis), or {@code null}
 * @param fields fields that must match exactly; {@code type} and {@code office} match the entry's
 *     own; {@code address} matches words
 * @param readers the caller's reader keys: only entries carrying one of them match
 * @param offset hits to skip
 * @param limit hits to return
 */
public record IndexQuery(String text, Map<String, String> fields, Set<String> readers, int offset, int limit) {

    public IndexQuery {
        fields = Map.copyOf(fields);
        readers = Set.copyOf(readers);
    }
}
