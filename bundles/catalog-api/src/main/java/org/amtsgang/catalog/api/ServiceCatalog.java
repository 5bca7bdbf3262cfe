package org.amtsgang.catalog.api;

import java.util.List;
import java.util.Optional;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.catalog.api.dto.ServicePage;
import org.amtsgang.catalog.api.dto.ServiceQuery;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The live catalogue of online services, as office bundles come and go.
 *
 * <p>Reads are served from an immutable snapshot and never block: the snapshot is replaced
 * whenever a service arrives or leaves or an office's configuration changes.
 */
@ProviderType
public interface ServiceCatalog {

    /** The available service with this id, if any. */
    Optional<ServiceDescriptor> service(String serviceId);

    /** Available services matching the query, sorted by id. */
    ServicePage search(ServiceQuery query);

    /**
     * Everything the catalogue knows, for operators: available services and those it refused, each
     * with the bundle it came from and, when refused, why.
     */
    List<CatalogEntry> entries();

    /** Grows by one with every change of the catalogue; lets callers cache and revalidate. */
    long revision();
}
