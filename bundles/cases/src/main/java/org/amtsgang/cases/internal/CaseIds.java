package org.amtsgang.cases.internal;

import java.time.Year;
import org.amtsgang.persistence.api.RandomBits;

/**
 * Case ids that people can read out on the phone: the year and twelve characters of Crockford's
 * base 32 (no I, L, O, U), e.g. {@code 2026-7K3Q-H9XW-2M4P}. Sixty random bits make a collision
 * among millions of cases unlikely; the primary key turns the rare one into a retry.
 */
final class CaseIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private CaseIds() {}

    static String next() {
        long bits = RandomBits.nextLong();
        StringBuilder id =
                new StringBuilder(19).append(Year.now(Views.CITY_TIME).getValue());
        for (int i = 0; i < 12; i++) {
            if (i % 4 == 0) {
                id.append('-');
            }
            id.append(ALPHABET[(int) (bits & 31)]);
            bits >>>= 5;
        }
        return id.toString();
    }

    /** Whether the text has the shape of a case id, so that junk never reaches the database. */
    static boolean plausible(String id) {
        return id != null && id.matches("\\d{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    }
}
