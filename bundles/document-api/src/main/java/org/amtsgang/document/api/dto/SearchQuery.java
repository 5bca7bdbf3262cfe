package org.amtsgang.document.api.dto;

import java.util.Map;

/**
 * A search: words in the text and metadata (German stemming, so "Bauantrags" finds "Bauantrag"),
 * and exact metadata fields. At least one of the two is needed.
 *
 * @param text words to find, or {@code null}
 * @param fields fields to match exactly, e.g. {@code aktenzeichen}, {@code gemarkung}, {@code flur},
 *     {@code flurstueck}, {@code year}, {@code type}, {@code office}; {@code address} matches words
 * @param page the page, from 0
 * @param size the page size
 */
public record SearchQuery(String text, Map<String, String> fields, int page, int size) {

    public SearchQuery {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
