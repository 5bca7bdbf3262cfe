/**
 * The service catalogue: which offices the city has and which online services they offer.
 *
 * <p>An office ships a service in one of two ways. A bundle with logic registers an
 * {@link OfficeService} (a Declarative Services component). A bundle without code carries one or
 * more descriptor files and the manifest header {@value OfficeService#DESCRIPTOR_HEADER}; the
 * platform's extender reads them. Either way the descriptor is validated, and the catalogue serves
 * it while the bundle is active.
 */
@Export
@Version("1.0.0")
package org.amtsgang.catalog.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
