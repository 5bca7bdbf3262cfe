package org.amtsgang.payment.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.amtsgang.payment.api.spi.InvalidNotificationException;

/**
 * The notifications' signature header: {@code t=<epochSeconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}.
 * The timestamp is signed with the body so that a captured notification cannot be replayed outside
 * the tolerance window.
 */
final class Signatures {

    /** The header, in the lower case the platform hands headers over in. */
    static final String HEADER = "x-sandbox-signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 32;

    private Signatures() {}

    /** The header value for a body sent at {@code epochSeconds}. */
    static String sign(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, epochSeconds, body));
    }

    /**
     * Checks a header against the body.
     *
     * @throws InvalidNotificationException saying whether the header is missing, malformed, expired
     *     or does not match
     */
    static void verify(String secret, String header, byte[] body, long nowEpochSeconds, long toleranceSeconds)
            throws InvalidNotificationException {
        if (header == null || header.isBlank()) {
            throw new InvalidNotificationException("Missing signature header " + HEADER);
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new InvalidNotificationException("Malformed signature header: expected t=...,v1=...");
            }
            String key = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (key.equals("t")) {
                timestamp = seconds(value);
            } else if (key.equals("v1")) {
                signatures.add(hex(value));
            }
            // other keys are for schemes this version does not know: ignored, as by real providers
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new InvalidNotificationException("Malformed signature header: t and v1 are required");
        }
        if (Math.abs(nowEpochSeconds - timestamp) > toleranceSeconds) {
            throw new InvalidNotificationException(
                    "Signature timestamp outside the tolerance of " + toleranceSeconds + " s");
        }
        byte[] expected = mac(secret, timestamp, body);
        boolean matches = false;
        for (byte[] signature : signatures) {
            // constant time, and every candidate compared: the timing tells nothing about the key
            matches |= MessageDigest.isEqual(expected, signature);
        }
        if (!matches) {
            throw new InvalidNotificationException("Signature does not match the body");
        }
    }

    private static long seconds(String value) throws InvalidNotificationException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidNotificationException("Malformed signature header: t is not a number of seconds");
        }
    }

    private static byte[] hex(String value) throws InvalidNotificationException {
        if (value.length() != 2 * MAC_BYTES) {
            throw new InvalidNotificationException("Malformed signature header: v1 is not a SHA-256 HMAC in hex");
        }
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidNotificationException("Malformed signature header: v1 is not a SHA-256 HMAC in hex");
        }
    }

    private static byte[] mac(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // every Java runtime has HmacSHA256; an empty secret is refused at configuration
            throw new IllegalStateException("Cannot sign with " + ALGORITHM, e);
        }
    }
}
