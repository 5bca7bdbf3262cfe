package org.amtsgang.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets and their one-way hashes, as stored for refresh tokens and e-mailed codes. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final char[] PASSWORD_ALPHABET =
            "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.!".toCharArray();

    private Secrets() {}

    static SecureRandom random() {
        return RANDOM;
    }

    /** 256 random bits, URL-safe: a refresh token. */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A code to type from an e-mail: 8 characters without look-alikes (0/O, 1/I). */
    static String code() {
        return random(CODE_ALPHABET, 8);
    }

    /** An initial password for new staff. */
    static String password() {
        return random(PASSWORD_ALPHABET, 20);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hash under which a code is stored: codes are short, so the account id salts them. */
    static String codeHash(String accountId, String code) {
        return sha256(accountId + ":" + code.trim().toUpperCase(java.util.Locale.ROOT));
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
