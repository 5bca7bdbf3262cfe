/**
 * Who is asking, and how sure the city is of it.
 *
 * <p>Every request to the platform has a {@link Caller}: a citizen, a member of staff or an
 * operator, authenticated at a {@link TrustLevel}, with roles per office. {@link Authenticator}
 * turns a bearer token into a caller; {@link Accounts} looks accounts up for other areas; {@link
 * StaffAdministration} is how operators and office leads manage staff. Security events (logins,
 * failures, lockouts, role changes) reach every {@link SecurityEventListener}.
 */
@Export
@Version("1.1.0")
package org.amtsgang.identity.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
