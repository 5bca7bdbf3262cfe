package org.amtsgang.document.api.dto;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A document as a caller may see it.
 *
 * @param id its id
 * @param title what it is
 * @param type its kind
 * @param officeId the office responsible
 * @param confidentiality how widely staff may read it
 * @param owner the subject it belongs to, or {@code null}
 * @param caseId its case, or {@code null}
 * @param retention its retention rule
 * @param retainUntil the last day it must be kept, or {@code null} when kept forever
 * @param fields further metadata
 * @param latestVersion the newest version's number, 0 while it has none
 * @param created when it was created
 * @param createdBy who created it
 */
public record DocumentView(
        String id,
        String title,
        String type,
        String officeId,
        Confidentiality confidentiality,
        String owner,
        String caseId,
        RetentionRule retention,
        LocalDate retainUntil,
        Map<String, String> fields,
        int latestVersion,
        Instant created,
        String createdBy) {

    public DocumentView {
        fields = Map.copyOf(fields);
    }
}
