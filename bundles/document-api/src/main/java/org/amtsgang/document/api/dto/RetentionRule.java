package org.amtsgang.document.api.dto;

import java.util.Objects;

/**
 * How long a document is kept and what happens then.
 *
 * @param years years to keep, counted from the end of the year it was created; 0 keeps it forever
 * @param then what happens when the time is up
 */
public record RetentionRule(int years, Disposal then) {

    /** What happens to a document when its retention ends. */
    public enum Disposal {
        /** Deleted, after an operator's recorded decision. */
        DELETE,
        /** Handed to the city archive (Stadtarchiv), then deleted here. */
        ARCHIVE
    }

    /** Kept forever, e.g. building files. */
    public static final RetentionRule PERMANENT = new RetentionRule(0, Disposal.ARCHIVE);

    public RetentionRule {
        Objects.requireNonNull(then, "then");
        if (years < 0 || years > 200) {
            throw new IllegalArgumentException("retention years must be between 0 and 200, was " + years);
        }
    }

    /** Reads {@code 10:DELETE}, {@code 30:ARCHIVE} or {@code PERMANENT}. */
    public static RetentionRule parse(String text) {
        if (text == null || text.isBlank() || text.trim().equalsIgnoreCase("PERMANENT")) {
            return PERMANENT;
        }
        int colon = text.indexOf(':');
        try {
            if (colon < 0) {
                return new RetentionRule(Integer.parseInt(text.trim()), Disposal.DELETE);
            }
            return new RetentionRule(
                    Integer.parseInt(text.substring(0, colon).trim()),
                    Disposal.valueOf(text.substring(colon + 1).trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "retention rule must read like 10:DELETE, 30:ARCHIVE or PERMANENT, was '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return years == 0 ? "PERMANENT" : years + ":" + then;
    }
}
