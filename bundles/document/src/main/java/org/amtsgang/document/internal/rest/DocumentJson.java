package org.amtsgang.document.internal.rest;

import java.util.Map;
import org.amtsgang.rest.api.ProblemException;

/** Request bodies of the document endpoints. */
final class DocumentJson {

    private DocumentJson() {}

    /** A new document; retention reads like {@code 10:DELETE}, {@code 30:ARCHIVE} or {@code PERMANENT}. */
    record NewDocumentBody(
            String title,
            String type,
            String officeId,
            String confidentiality,
            String owner,
            String caseId,
            String retention,
            Boolean ocr,
            Integer ocrPriority,
            Map<String, String> fields) {}

    /** A time-limited right to read, e.g. {@code {"subject": "…", "until": "2027-01-31T23:59:59Z", "reason": "…"}}. */
    record GrantBody(String subject, String until, String reason) {}

    /** Why a grant ends before its time. */
    record RevocationBody(String reason) {}

    /** The recorded grounds of a deletion. */
    record DeletionBody(String decision) {}

    /** How many entries a rebuilt index holds. */
    record Reindexed(long entries) {}

    static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest("This request needs a JSON body.");
        }
        return body;
    }
}
