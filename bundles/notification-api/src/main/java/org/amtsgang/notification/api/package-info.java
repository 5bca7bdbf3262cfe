/**
 * Reaching people: e-mail over SMTP and the citizen's portal inbox (Postfach). Areas that must
 * neither lose nor double a message (cases, payment) keep their own outbox and hand each message
 * over with a stable id: the Postfach stores an id once, and mails carry it as their Message-ID.
 */
@Export
@Version("1.2.0")
package org.amtsgang.notification.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
