package org.amtsgang.document.api.dto;

import java.time.Instant;

/**
 * One immutable version of a document.
 *
 * @param documentId its document
 * @param number 1, 2, …
 * @param fileName the sanitised file name it was uploaded with
 * @param contentType the type detected from its bytes
 * @param size its size in bytes
 * @param sha256 its SHA-256, hex
 * @param pages its pages (PDF, TIFF), 1 for images
 * @param ocr where its text recognition stands
 * @param created when it was added
 * @param createdBy who added it
 * @param ocrNote why its text recognition failed, or {@code null}
 */
public record VersionView(
        String documentId,
        int number,
        String fileName,
        String contentType,
        long size,
        String sha256,
        int pages,
        OcrStatus ocr,
        Instant created,
        String createdBy,
        String ocrNote) {

    /** A version without a note on its text recognition (the form of API 1.1). */
    public VersionView(
            String documentId,
            int number,
            String fileName,
            String contentType,
            long size,
            String sha256,
            int pages,
            OcrStatus ocr,
            Instant created,
            String createdBy) {
        this(documentId, number, fileName, contentType, size, sha256, pages, ocr, created, createdBy, null);
    }
}
