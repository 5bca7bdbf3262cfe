package org.amtsgang.document.api.dto;

import java.time.Instant;

/**
 * The record of one scanned page, in the spirit of BSI TR-RESISCAN: who scanned it with what and
 * when, the hash of the file it is in, and the result of the quality check done on import.
 *
 * @param documentId the document
 * @param version its version
 * @param page the page, from 1
 * @param scannedBy who scanned it
 * @param device the scanner
 * @param scannedAt when it was scanned
 * @param sha256 the SHA-256 of the file holding the page, hex
 * @param quality {@code OK}, or what the check found, e.g. {@code LOW_RESOLUTION 150 dpi}
 * @param resolutionDpi the resolution the check estimated, 0 when the page holds no image
 * @param recordedAt when it was imported
 */
public record ScanRecord(
        String documentId,
        int version,
        int page,
        String scannedBy,
        String device,
        Instant scannedAt,
        String sha256,
        String quality,
        int resolutionDpi,
        Instant recordedAt) {}
