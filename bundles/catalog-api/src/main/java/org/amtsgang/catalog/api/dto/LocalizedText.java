package org.amtsgang.catalog.api.dto;

/**
 * A text in the portal's languages: German first, English second.
 *
 * @param de the German text; required
 * @param en the English text; falls back to German where missing
 */
public record LocalizedText(String de, String en) {

    public LocalizedText {
        if (en == null || en.isBlank()) {
            en = de;
        }
    }

    /** The text for a language tag such as {@code de-DE} or {@code en}; German for any other. */
    public String in(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? en : de;
    }
}
