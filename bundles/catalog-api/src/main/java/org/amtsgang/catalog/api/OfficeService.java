package org.amtsgang.catalog.api;

import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The office-service SPI: what an office bundle with logic registers for each online service it
 * offers. The platform calls it by service id; the office bundle publishes no HTTP endpoint of its
 * own.
 *
 * <p>Later hooks (validation beyond the form schema, fee computation, the notice on approval) are
 * separate SPI interfaces registered with the service property {@value #SERVICE_ID_PROPERTY}, so
 * that a service implements only what it needs.
 */
@ConsumerType
public interface OfficeService {

    /** The service property that names the service id an SPI service belongs to. */
    String SERVICE_ID_PROPERTY = "amtsgang.service.id";

    /**
     * The manifest header of a descriptor-only bundle: a comma-separated list of paths in the
     * bundle, each a JSON descriptor or a folder ending in {@code /} whose {@code *.json} files are
     * descriptors.
     */
    String DESCRIPTOR_HEADER = "Amtsgang-Service-Descriptors";

    /** The extender capability namespace value that descriptor-only bundles require. */
    String EXTENDER_NAME = "org.amtsgang.catalog";

    /** What the service is. Called once when the service is registered; must not change after. */
    ServiceDescriptor descriptor();
}
