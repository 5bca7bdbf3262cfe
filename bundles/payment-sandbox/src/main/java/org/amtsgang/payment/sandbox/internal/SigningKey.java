package org.amtsgang.payment.sandbox.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key that signs and checks the sandbox's notifications: the configured secret, or a random key
 * of this run when none is configured. Only this bundle signs and checks them, so a key nobody knows
 * costs testers nothing, while a well-known default in the distribution would let anyone who can
 * reach the callback endpoint mark a payment as paid.
 */
final class SigningKey {

    /** The default that earlier distributions shipped: treated as no secret at all. */
    static final String WELL_KNOWN = "sandbox-secret-change-me";

    private final String ofThisRun;

    SigningKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.ofThisRun = HexFormat.of().formatHex(random);
    }

    String of(SandboxConfig config) {
        return configured(config) ? config.secret() : ofThisRun;
    }

    static boolean configured(SandboxConfig config) {
        String secret = config.secret();
        return secret != null && !secret.isBlank() && !secret.equals(WELL_KNOWN);
    }
}
