package org.amtsgang.payment.sandbox.internal;

import java.util.regex.Pattern;
import org.amtsgang.persistence.api.RandomBits;

/** The provider's session references: {@code sbx_} and 20 random URL-safe characters (120 bits). */
final class References {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Pattern FORM = Pattern.compile("sbx_[A-Za-z0-9_-]{20}");

    private References() {}

    /** A fresh reference: unguessable, because knowing one is enough to pay or cancel on the page. */
    static String next() {
        byte[] bytes = new byte[20];
        RandomBits.nextBytes(bytes);
        StringBuilder reference = new StringBuilder(24).append("sbx_");
        for (byte b : bytes) {
            reference.append(ALPHABET.charAt(b & 63));
        }
        return reference.toString();
    }

    /** Whether a string can be a reference at all, so that garbage never reaches the database. */
    static boolean wellFormed(String reference) {
        return reference != null && FORM.matcher(reference).matches();
    }
}
