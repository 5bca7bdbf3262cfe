package org.amtsgang.document.api.dto;

import java.time.Instant;

/**
 * A person's time-limited right to read a document.
 *
 * @param documentId the document
 * @param subject who may read it
 * @param until until when
 * @param grantedBy the member of staff who granted it
 * @param reason why, e.g. the approved inspection's case
 */
public record GrantView(String documentId, String subject, Instant until, String grantedBy, String reason) {}
