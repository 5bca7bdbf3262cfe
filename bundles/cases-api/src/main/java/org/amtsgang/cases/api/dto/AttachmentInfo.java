package org.amtsgang.cases.api.dto;

import java.time.Instant;

/**
 * A file kept with a case: evidence the applicant attached, or a notice the office issued.
 *
 * <p>Only this description belongs to the case; where the bytes live is the platform's business.
 * Today the case area keeps them; once the document service exists the same ids refer to its
 * documents, and nothing a client sees changes.
 *
 * @param id the file's id
 * @param kind attachment or notice
 * @param fileName the name to offer for download
 * @param contentType the media type, e.g. {@code application/pdf}
 * @param size in bytes
 * @param sha256 the SHA-256 of the content, hex
 * @param addedAt when it was added
 */
public record AttachmentInfo(
        String id, Kind kind, String fileName, String contentType, long size, String sha256, Instant addedAt) {

    /** What a file is to the case. */
    public enum Kind {
        /** Evidence from the applicant, e.g. a scanned document. */
        ATTACHMENT,
        /** The notice (Bescheid) issued with the decision. */
        NOTICE
    }
}
