/**
 * The tamper-evident audit trail: an append-only log in which every entry carries the hash of the
 * one before, so that a changed or removed entry breaks the chain where it happened.
 */
@Export
@Version("1.0.0")
package org.amtsgang.audit.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
