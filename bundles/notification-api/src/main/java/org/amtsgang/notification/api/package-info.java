/**
 * Reaching people outside the platform. So far e-mail; the citizen's portal inbox (Postfach) and an
 * outbox that neither loses nor doubles a message come with case handling.
 */
@Export
@Version("1.0.0")
package org.amtsgang.notification.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
