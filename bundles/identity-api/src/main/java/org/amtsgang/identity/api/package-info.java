/**
 * Who is asking, and how sure the city is of it.
 *
 * <p>Only the trust level lives here so far; principals, roles and authentication join it with
 * the identity issue.
 */
@Export
@Version("1.0.0")
package org.amtsgang.identity.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
