package org.amtsgang.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Identity settings (PID {@code org.amtsgang.identity}, file {@code etc/org.amtsgang.identity.cfg}). */
@ObjectClassDefinition(
        id = IdentityConfig.PID,
        name = "Amtsgang identity",
        description = "Accounts, logins and the platform's access tokens.")
public @interface IdentityConfig {

    String PID = "org.amtsgang.identity";

    @AttributeDefinition(description = "Issuer (iss) of the platform's access tokens")
    String issuer() default "amtsgang";

    @AttributeDefinition(description = "Lifetime of access tokens in minutes", min = "1", max = "60")
    int accessTokenMinutes() default 5;

    @AttributeDefinition(description = "Lifetime of a login's refresh tokens in days", min = "1")
    int refreshTokenDays() default 14;

    @AttributeDefinition(description = "Directory of the signing keys (one JWK file each); default: data/amtsgang/keys")
    String keyDirectory() default "";

    @AttributeDefinition(
            description =
                    "Id of the key that signs new tokens; a new id creates a new key, the old ones keep verifying")
    String signingKeyId() default "k1";

    @AttributeDefinition(description = "Argon2id memory per password hash in KiB (OWASP: at least 19456)")
    int argon2MemoryKiB() default 19456;

    @AttributeDefinition(description = "Argon2id passes")
    int argon2Iterations() default 3;

    @AttributeDefinition(description = "Failed logins within the window that lock an account")
    int lockAfterFailures() default 5;

    @AttributeDefinition(description = "Window for counting an account's failed logins, minutes")
    int failureWindowMinutes() default 15;

    @AttributeDefinition(description = "How long a locked account stays locked, minutes")
    int lockMinutes() default 15;

    @AttributeDefinition(description = "Login and registration attempts allowed per client address within the window")
    int attemptsPerAddress() default 30;

    @AttributeDefinition(description = "Window for counting a client address's attempts, minutes")
    int addressWindowMinutes() default 5;

    @AttributeDefinition(description = "How long an e-mailed code is valid, minutes")
    int codeMinutes() default 60;

    @AttributeDefinition(description = "Wrong guesses a code survives")
    int codeAttempts() default 5;

    @AttributeDefinition(description = "Create the demo accounts (never in production)")
    boolean demo() default false;

    @AttributeDefinition(description = "Where citizens log in, for links in e-mails")
    String portalUrl() default "http://localhost:8181/portal";
}
