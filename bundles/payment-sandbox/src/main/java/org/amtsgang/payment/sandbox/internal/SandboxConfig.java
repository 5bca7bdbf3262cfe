package org.amtsgang.payment.sandbox.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The sandbox payment provider (PID {@code org.amtsgang.payment.sandbox}, file {@code
 * etc/org.amtsgang.payment.sandbox.cfg}).
 */
@ObjectClassDefinition(
        id = SandboxConfig.PID,
        name = "Amtsgang payment sandbox",
        description = "A simulated payment provider for testers: its hosted page, its notifications and their chaos.")
public @interface SandboxConfig {

    String PID = "org.amtsgang.payment.sandbox";

    @AttributeDefinition(
            type = AttributeType.PASSWORD,
            description = "Key of the HMAC-SHA256 signatures on notifications (X-Sandbox-Signature);"
                    + " empty: a random key of each run")
    String secret() default "";

    @AttributeDefinition(description = "Where notifications are posted: the platform's callback endpoint")
    String callbackUrl() default "http://localhost:8181/api/v1/payments/callbacks/sandbox";

    @AttributeDefinition(description = "Base URL of the hosted payment page, as the payer's browser reaches it")
    String publicUrl() default "http://localhost:8181";

    @AttributeDefinition(description = "Delay before a notification is sent, in milliseconds")
    long callbackDelayMillis() default 0;

    @AttributeDefinition(description = "Random extra delay added to each notification, 0 to this many milliseconds")
    long callbackJitterMillis() default 0;

    @AttributeDefinition(description = "Extra copies of each notification (same event id and body)")
    int duplicateCallbacks() default 0;

    @AttributeDefinition(
            description = "After the final notification, also send an outdated one (older occurredAt),"
                    + " and send the copies in shuffled order")
    boolean reorder() default false;

    @AttributeDefinition(description = "How often a notification is sent again when the platform is unreachable")
    int retries() default 5;

    @AttributeDefinition(description = "How old (or how far ahead) a signature's timestamp may be, in seconds")
    long signatureToleranceSeconds() default 900;
}
