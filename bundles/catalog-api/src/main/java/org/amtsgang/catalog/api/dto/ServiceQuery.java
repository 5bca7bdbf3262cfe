package org.amtsgang.catalog.api.dto;

/**
 * A search of the catalogue.
 *
 * @param officeId only services of this office, or {@code null} for all
 * @param text free text that must occur (case-insensitively) in id, LeiKa key, title or
 *     description, in German or English; {@code null} or blank for any
 * @param page the page, from 0
 * @param size services per page, at least 1
 */
public record ServiceQuery(String officeId, String text, int page, int size) {

    public ServiceQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page must not be negative: " + page);
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
    }
}
