package org.amtsgang.document.api.dto;

import java.util.Map;

/**
 * A document to create.
 *
 * @param title what it is, for people
 * @param type its kind, e.g. {@code BAUAKTE}, {@code ATTACHMENT}, {@code BESCHEID}
 * @param officeId the office responsible for it
 * @param confidentiality how widely staff may read it
 * @param owner the subject of the person it belongs to, or {@code null} for the office's own files
 * @param caseId the case it belongs to, or {@code null}
 * @param retention how long it is kept
 * @param ocr whether its text is to be recognised
 * @param ocrPriority higher is read first, e.g. scans of fading thermal paper; 0 for most
 * @param fields further metadata, e.g. a building file's Aktenzeichen or parcel; keys are lower-case
 *     words, values searchable
 */
public record NewDocument(
        String title,
        String type,
        String officeId,
        Confidentiality confidentiality,
        String owner,
        String caseId,
        RetentionRule retention,
        boolean ocr,
        int ocrPriority,
        Map<String, String> fields) {

    public NewDocument {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
