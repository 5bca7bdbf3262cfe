package org.amtsgang.catalog.api.dto;

import java.util.List;

/**
 * One contribution to the catalogue, as the operator sees it.
 *
 * @param serviceId the service id the contribution claims, or the descriptor's file name when the
 *     descriptor could not be read
 * @param descriptor the validated descriptor; {@code null} when refused for being invalid
 * @param origin where it came from
 * @param status whether it is served and, if not, why
 * @param problems what is wrong with it; empty when available
 */
public record CatalogEntry(
        String serviceId, ServiceDescriptor descriptor, Origin origin, Status status, List<String> problems) {

    public CatalogEntry {
        problems = List.copyOf(problems);
    }

    /** Whether the entry is served to citizens. */
    public boolean available() {
        return status == Status.AVAILABLE;
    }

    /**
     * Where a contribution came from.
     *
     * @param kind a Java component or a descriptor file
     * @param bundleId the contributing bundle's id
     * @param bundle the contributing bundle's symbolic name and version
     * @param resource the descriptor file in the bundle, or the component's class for Java services
     */
    public record Origin(Kind kind, long bundleId, String bundle, String resource) {}

    /** How a service reached the catalogue. */
    public enum Kind {
        JAVA,
        DESCRIPTOR
    }

    /** Whether a contribution is served. */
    public enum Status {
        /** Valid and served. */
        AVAILABLE,
        /** The descriptor is broken; the problems say how. */
        INVALID,
        /** Another bundle already provides a service with the same id. */
        DUPLICATE,
        /** The responsible office is not configured. */
        UNKNOWN_OFFICE
    }
}
