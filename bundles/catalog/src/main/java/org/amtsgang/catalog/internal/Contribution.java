package org.amtsgang.catalog.internal;

import java.util.List;
import org.amtsgang.catalog.api.dto.CatalogEntry.Origin;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;

/**
 * One service offered by one bundle, as it arrived: a valid descriptor, or the problems that make
 * it unusable.
 *
 * @param key what identifies the contribution while its bundle is active
 * @param claimedId the service id it claims, or a stand-in when the descriptor could not be read
 * @param origin where it came from
 * @param descriptor the valid descriptor, or {@code null}
 * @param problems why it is invalid; empty when {@code descriptor} is set
 */
record Contribution(Key key, String claimedId, Origin origin, ServiceDescriptor descriptor, List<String> problems) {

    Contribution {
        problems = List.copyOf(problems);
    }

    static Contribution valid(Key key, Origin origin, ServiceDescriptor descriptor) {
        return new Contribution(key, descriptor.id(), origin, descriptor, List.of());
    }

    static Contribution invalid(Key key, String claimedId, Origin origin, List<String> problems) {
        return new Contribution(key, claimedId, origin, null, problems);
    }

    /** Identifies a contribution: the bundle and, within it, the descriptor file or component. */
    record Key(long bundleId, String resource) {}
}
