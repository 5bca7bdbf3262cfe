package org.amtsgang.rest.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the platform endpoint (PID {@code org.amtsgang.rest}, file {@code etc/org.amtsgang.rest.cfg}). */
@ObjectClassDefinition(
        id = RestConfig.PID,
        name = "Amtsgang REST endpoint",
        description = "The platform's HTTP API under the CXF servlet context (/api by default).")
public @interface RestConfig {

    String PID = "org.amtsgang.rest";

    @AttributeDefinition(
            name = "Address",
            description = "Address of the platform endpoint below the CXF servlet context; '/' serves it at /api.")
    String address() default "/";

    @AttributeDefinition(
            name = "Maximum request body",
            description = "Largest request body accepted, in bytes; larger ones get 413 problem+json.",
            min = "1024")
    long maxBodyBytes() default 1_048_576L;

    @AttributeDefinition(
            name = "Rebuild delay",
            description = "Milliseconds to wait for further platform resources before (re)building the endpoint;"
                    + " resources of platform bundles arrive together at boot.",
            min = "0")
    long rebuildDelayMillis() default 150L;
}
