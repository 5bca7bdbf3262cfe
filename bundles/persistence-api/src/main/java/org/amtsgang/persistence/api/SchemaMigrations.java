package org.amtsgang.persistence.api;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * Brings an area's tables up to date from the SQL scripts its bundle ships.
 *
 * <p>Scripts live in the bundle under {@code db/<area>/}, named {@code V<n>__<what>.sql} ({@code
 * V1__accounts.sql}, {@code V2__totp.sql}, …); a subfolder named for the database ({@code derby},
 * {@code postgresql}) takes precedence where a script must differ. Each script that has not run
 * yet runs once, in version order, in a transaction of its own, and is recorded with its
 * checksum; a script changed after it ran is an error, never silently skipped.
 */
@ProviderType
public interface SchemaMigrations {

    /**
     * Runs the area's pending scripts.
     *
     * @param area the area, lower-case letters, e.g. {@code identity}; owns its tables alone
     * @param bundle the bundle holding the scripts
     * @return the area's schema version afterwards
     * @throws IllegalStateException if a script fails or was changed after it ran; nothing of the
     *     failing script stays applied
     */
    int migrate(String area, Bundle bundle);
}
