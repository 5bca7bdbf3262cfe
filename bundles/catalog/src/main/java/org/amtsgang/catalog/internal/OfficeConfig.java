package org.amtsgang.catalog.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One office of the city: a factory configuration per office, e.g. {@code
 * etc/org.amtsgang.office-buergeramt.cfg}. Editing the file changes the office while the platform
 * runs.
 */
@ObjectClassDefinition(
        id = OfficeConfig.FACTORY_PID,
        name = "Amtsgang office",
        description = "An office (Amt) of the city, which online services name as responsible.")
@interface OfficeConfig {

    String FACTORY_PID = "org.amtsgang.office";

    @AttributeDefinition(
            name = "Id",
            description = "Stable identifier used by services and URLs: lower-case letters, digits and dashes.")
    String id();

    @AttributeDefinition(name = "Name", description = "The office's name in German, e.g. Bürgeramt.")
    String name();

    @AttributeDefinition(name = "Name (English)", description = "The office's name in English; German if empty.")
    String name_en() default "";

    @AttributeDefinition(name = "E-mail", description = "The office's e-mail address.")
    String email() default "";

    @AttributeDefinition(name = "Phone", description = "The office's phone number.")
    String phone() default "";

    @AttributeDefinition(name = "Address", description = "Visiting address, one line.")
    String address() default "";

    @AttributeDefinition(name = "Opening hours", description = "As the city writes them, e.g. Mo–Fr 8–13 Uhr.")
    String openingHours() default "";
}
