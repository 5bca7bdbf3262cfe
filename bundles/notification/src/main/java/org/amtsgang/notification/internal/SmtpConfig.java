package org.amtsgang.notification.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The mail server (PID {@code org.amtsgang.notification.smtp}). */
@ObjectClassDefinition(
        id = SmtpConfig.PID,
        name = "Amtsgang SMTP",
        description = "How the platform sends e-mail. Without a host, mails are written to files instead.")
@interface SmtpConfig {

    String PID = "org.amtsgang.notification.smtp";

    @AttributeDefinition(
            description = "SMTP host; empty: no mail is sent, each is written as a .eml file to the pickup directory")
    String host() default "";

    @AttributeDefinition(description = "Where mails go without an SMTP host; default data/amtsgang/mail")
    String pickupDirectory() default "";

    @AttributeDefinition(description = "SMTP port")
    int port() default 587;

    @AttributeDefinition(description = "Use STARTTLS (required when true)")
    boolean startTls() default true;

    @AttributeDefinition(description = "User name for SMTP AUTH; empty for none")
    String username() default "";

    @AttributeDefinition(
            description = "Password for SMTP AUTH",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "Sender address")
    String from() default "noreply@amtsgang.example";

    @AttributeDefinition(description = "Sender name")
    String fromName() default "Amtsgang";

    @AttributeDefinition(description = "Attempts per mail before giving up")
    int attempts() default 3;

    // sendNow blocks its caller (an outbox relay) for as long as the server takes: bounded here
    @AttributeDefinition(description = "Milliseconds to wait for connecting to, reading from and writing to the server")
    int timeoutMillis() default 10_000;
}
