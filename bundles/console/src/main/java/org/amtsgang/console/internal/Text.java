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

    /** A duration as people read it: 45 s, 3 min 20 s, 2 h 05 min. */
    static String duration(java.time.Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + String.format("%02d", seconds % 3600 / 60) + " min";
    }
}
