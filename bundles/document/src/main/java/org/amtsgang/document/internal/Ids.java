package org.amtsgang.document.internal;

import java.security.SecureRandom;

/**
 * Ids that are hard to guess (115 random bits, 24 characters with the prefix), in Crockford's base 32 so they can be read out on the
 * phone: {@code D} for documents, {@code G} for grants, {@code I} for imports.
 */
final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    static String document() {
        return next('D');
    }

    static String grant() {
        return next('G');
    }

    static String importJob() {
        return next('I');
    }

    private static String next(char prefix) {
        StringBuilder id = new StringBuilder(24).append(prefix);
        long high = RANDOM.nextLong();
        long low = RANDOM.nextLong();
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[(int) (high >>> (5 * i)) & 31]);
        }
        for (int i = 0; i < 11; i++) {
            id.append(ALPHABET[(int) (low >>> (5 * i)) & 31]);
        }
        return id.toString();
    }
}
