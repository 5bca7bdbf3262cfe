package org.amtsgang.rest.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the platform endpoint (PID {@code org.amtsgang.rest}, file {@code etc/org.amtsgang.rest.cfg}). */
@ObjectClassDefinition(
        id = RestConfig.PID,
        name = "Amtsgang REST endpoint",
        description = "The platform's HTTP API (/api by default).")
public @interface RestConfig {

    String PID = "org.amtsgang.rest";

    @AttributeDefinition(
            name = "Path",
            description = "Where the platform API is served, e.g. /api: requests go to <path>/v1/...")
    String path() default "/api";

    @AttributeDefinition(
            name = "Address",
            description =
                    "Address of the platform's JAX-RS server below the API path; '/' serves it at the path itself.")
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
