package org.amtsgang.cases.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Case handling (PID {@code org.amtsgang.cases}, file {@code etc/org.amtsgang.cases.cfg}). */
@ObjectClassDefinition(
        id = CasesConfig.PID,
        name = "Amtsgang cases",
        description = "How applications are handled: the four-eyes rule, limits, notices and notifications.")
public @interface CasesConfig {

    String PID = "org.amtsgang.cases";

    @AttributeDefinition(
            description = "Services whose decisions a second member of staff must confirm (four-eyes rule), by id")
    String[] fourEyesServices() default {};

    @AttributeDefinition(description = "The city's name on notices (Bescheide), e.g. Stadt Mülheim an der Ruhr")
    String cityName() default "Stadt Musterstadt";

    @AttributeDefinition(
            description = "Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf for notices; without them,"
                    + " names outside Latin-1 print without accents")
    String fontDirectory() default "/usr/share/fonts/truetype/dejavu";

    @AttributeDefinition(description = "Where the portal is, for links in e-mails")
    String portalUrl() default "http://localhost:8181/portal";

    @AttributeDefinition(description = "Largest form accepted, in characters of JSON (at most 32000)")
    int maxFormChars() default 32_000;

    @AttributeDefinition(description = "Largest attachment accepted, in bytes")
    int maxAttachmentBytes() default 10 * 1024 * 1024;

    @AttributeDefinition(description = "Most attachments per application")
    int maxAttachments() default 20;

    @AttributeDefinition(description = "How often the outbox is looked at when idle, in milliseconds")
    long outboxPollMillis() default 500;
}
