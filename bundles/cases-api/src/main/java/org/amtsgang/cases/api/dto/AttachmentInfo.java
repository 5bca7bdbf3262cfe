package org.amtsgang.cases.api.dto;

import java.time.Instant;

/**
 * A file kept with a case: evidence the applicant attached, or a notice the office issued.
 *
 * <p>Only this description belongs to the case; where the bytes live is the platform's business.
 * While the document service runs they are its documents (the case's office, owned by the
 * applicant, linked to the case); without it the case area keeps them. Either way a file is read
 * through the case by the same id.
 *
 * @param id the file's id
 * @param kind attachment or notice
 * @param fileName the name to offer for download
 * @param contentType the media type, e.g. {@code application/pdf}
 * @param size in bytes
 * @param sha256 the SHA-256 of the content, hex
 * @param addedAt when it was added
 * @param documentId the document that holds it (its first version is this file), or {@code null}
 *     while the case area keeps it itself
 */
public record AttachmentInfo(
        String id,
        Kind kind,
        String fileName,
        String contentType,
        long size,
        String sha256,
        Instant addedAt,
        String documentId) {

    /** A file's description without its document (the form of API 1.0). */
    public AttachmentInfo(
            String id, Kind kind, String fileName, String contentType, long size, String sha256, Instant addedAt) {
        this(id, kind, fileName, contentType, size, sha256, addedAt, null);
    }

    /** What a file is to the case. */
    public enum Kind {
        /** Evidence from the applicant, e.g. a scanned document. */
        ATTACHMENT,
        /** The notice (Bescheid) issued with the decision. */
        NOTICE
    }
}
