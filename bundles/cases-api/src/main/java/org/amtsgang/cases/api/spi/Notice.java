package org.amtsgang.cases.api.spi;

import java.util.List;

/**
 * The content of a notice (Bescheid) or certificate; the platform lays it out as a PDF with the
 * city's letterhead, the case's reference and the date.
 *
 * @param title e.g. "Meldebescheinigung"
 * @param paragraphs the text, one paragraph each
 * @param facts label and value pairs shown as a table, e.g. name and address
 */
public record Notice(String title, List<String> paragraphs, List<Fact> facts) {

    public Notice {
        paragraphs = List.copyOf(paragraphs);
        facts = List.copyOf(facts);
    }

    /** One line of the notice's table. */
    public record Fact(String label, String value) {}
}
