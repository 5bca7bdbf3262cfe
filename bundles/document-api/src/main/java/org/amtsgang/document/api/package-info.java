/**
 * Documents of every office: metadata, immutable versions, renditions derived from them (OCR text),
 * full-text search and retention.
 *
 * <p>{@link Documents} is the one way to store or read a document. Every read is checked against the
 * caller: the owner, the applicant of the document's case, a holder of a time-limited grant, or
 * staff of the document's office as its confidentiality allows. Content is stored once per SHA-256
 * and verified whenever it is read.
 */
@Export
@Version("1.3.0")
package org.amtsgang.document.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
