/**
 * The contract between the platform's HTTP edge ({@code rest-core}) and the areas that publish
 * resources on it.
 *
 * <p>An area publishes a JAX-RS root resource by registering it as a {@link RestResource} service.
 * {@code rest-core} serves all of them on one platform endpoint under {@code /api}, with the same
 * JSON provider, request limits and error mapping. Errors leave as {@code application/problem+json}
 * (RFC 9457): throw a {@link ProblemException} or any JAX-RS {@code WebApplicationException}.
 */
@Export
@Version("1.1.0")
package org.amtsgang.rest.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
