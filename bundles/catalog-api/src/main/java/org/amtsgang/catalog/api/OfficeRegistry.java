package org.amtsgang.catalog.api;

import java.util.List;
import java.util.Optional;
import org.amtsgang.catalog.api.dto.Office;
import org.osgi.annotation.versioning.ProviderType;

/** The city's offices (Ämter), as configured by the operator. */
@ProviderType
public interface OfficeRegistry {

    /** All configured offices, sorted by id. */
    List<Office> offices();

    /** The office with this id, if it is configured. */
    Optional<Office> office(String officeId);
}
