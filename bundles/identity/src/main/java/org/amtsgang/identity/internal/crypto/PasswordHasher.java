package org.amtsgang.identity.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106, memory-hard) in the PHC string format, e.g. {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, so that a hash carries the parameters it was made
 * with and stronger parameters can be introduced without breaking stored passwords.
 */
public final class PasswordHasher {

    private static final Pattern PHC =
            Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param memoryKiB memory per hash in KiB (OWASP: at least 19456)
     * @param iterations passes over the memory
     * @param parallelism lanes
     */
    public PasswordHasher(int memoryKiB, int iterations, int parallelism) {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("invalid Argon2 parameters");
        }
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKiB, iterations, parallelism);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether the password matches; compares in constant time. A malformed hash never matches. */
    public boolean verify(String phc, char[] password) {
        Matcher m = phc == null ? null : PHC.matcher(phc);
        if (m == null || !m.matches()) {
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(
                password,
                B64D.decode(m.group(4)),
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether a stored hash was made with other parameters than today's and should be renewed at the next login. */
    public boolean needsRehash(String phc) {
        return phc == null
                || !phc.startsWith("$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$");
    }

    private static byte[] derive(char[] password, byte[] salt, int memory, int iterations, int parallelism) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[HASH_BYTES];
        byte[] bytes = new String(password).getBytes(StandardCharsets.UTF_8);
        try {
            generator.generateBytes(bytes, out);
        } finally {
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        return out;
    }
}
