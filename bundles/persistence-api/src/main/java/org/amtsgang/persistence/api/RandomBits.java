package org.amtsgang.persistence.api;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random bits for the ids of rows, and for anything else that must not be guessed, without one
 * lock that every request thread queues at. Every {@code new SecureRandom()} on Linux,
 * {@link UUID#randomUUID()} and {@code Files.createTempFile} included, draws from the JDK's one
 * native generator behind one lock: under the submission and payment benchmarks request threads
 * waited there inside their transactions, holding a database connection, up to 170 ms (JFR).
 * Sixteen DRBG generators (NIST SP 800-90A, seeded from the system), picked by thread, seldom meet.
 */
public final class RandomBits {

    private static final SecureRandom[] GENERATORS = new SecureRandom[16];

    static {
        for (int i = 0; i < GENERATORS.length; i++) {
            GENERATORS[i] = drbg();
        }
    }

    private RandomBits() {}

    public static void nextBytes(byte[] bytes) {
        generator().nextBytes(bytes);
    }

    public static long nextLong() {
        return generator().nextLong();
    }

    private static SecureRandom generator() {
        return GENERATORS[(int) (Thread.currentThread().getId() & (GENERATORS.length - 1))];
    }

    /** A random (version 4) UUID, as {@link UUID#randomUUID()} makes it. */
    public static String uuid() {
        long high = (nextLong() & ~0xF000L) | 0x4000L;
        long low = (nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom(); // every JDK since 9 has DRBG; this is only a fallback
        }
    }
}
