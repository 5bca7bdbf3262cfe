/**
 * What every area with tables shares: its schema is created and changed by versioned SQL scripts
 * that it ships, never by the JPA provider guessing from entities. Row ids come from
 * {@link org.amtsgang.persistence.api.RandomBits}.
 */
@Export
@Version("1.1.0")
package org.amtsgang.persistence.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
