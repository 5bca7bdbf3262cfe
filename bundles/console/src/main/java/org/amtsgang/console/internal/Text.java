package org.amtsgang.console.internal;

import java.util.Locale;

/** Small formatting helpers shared by the commands. */
final class Text {

    private Text() {}

    static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }

    static String euro(long cents) {
        return String.format(Locale.GERMANY, "%,.2f €", cents / 100.0);
    }
}
