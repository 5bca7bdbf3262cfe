/**
 * What office bundles may contribute to the cases of their services, each registered as a service
 * with the property {@code amtsgang.service.id}: checks beyond the form schema, the fee after a
 * decision, a recommendation staff see, and the notice written on approval. None of it decides.
 */
@Export
@Version("1.0.0")
package org.amtsgang.cases.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
