package org.amtsgang.rest.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marks a JAX-RS root resource (a class annotated with {@code @Path}) that a platform area
 * registers as an OSGi service under this interface, to be served on the platform endpoint.
 *
 * <p>Office bundles never register resources: their services are reached through the platform's
 * stable REST surface, so that deploying an office never rebuilds the HTTP application.
 */
@ConsumerType
public interface RestResource {}
