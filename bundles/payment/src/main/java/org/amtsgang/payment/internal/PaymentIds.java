package org.amtsgang.payment.internal;

import java.time.Year;
import java.time.ZoneId;
import org.amtsgang.persistence.api.RandomBits;

/**
 * Payment ids that work as a Kassenzeichen on the phone and on a bank statement: {@code P}, the
 * year and twelve characters of Crockford's base 32, e.g. {@code P2026-7K3Q-H9XW-2M4P}. Event and
 * refund ids use the same generator with sixty random bits.
 */
final class PaymentIds {

    static final ZoneId CITY_TIME = ZoneId.of("Europe/Berlin");

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private PaymentIds() {}

    static String payment() {
        return next('P');
    }

    static String refund() {
        return next('R');
    }

    /** Event ids need no year and no grouping, only uniqueness. */
    static String event() {
        StringBuilder id = new StringBuilder(24).append('E');
        appendRandom(id, RandomBits.nextLong(), 12);
        appendRandom(id, RandomBits.nextLong(), 11);
        return id.toString();
    }

    private static String next(char prefix) {
        StringBuilder id =
                new StringBuilder(20).append(prefix).append(Year.now(CITY_TIME).getValue());
        long bits = RandomBits.nextLong();
        for (int i = 0; i < 3; i++) {
            id.append('-');
            appendRandom(id, bits >>> (20 * i), 4);
        }
        return id.toString();
    }

    private static void appendRandom(StringBuilder id, long bits, int chars) {
        for (int i = 0; i < chars; i++) {
            id.append(ALPHABET[(int) (bits & 31)]);
            bits >>>= 5;
        }
    }

    /** Whether the text has the shape of a payment id, so that junk never reaches the database. */
    static boolean plausible(String id) {
        return id != null && id.matches("P\\d{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    }
}
