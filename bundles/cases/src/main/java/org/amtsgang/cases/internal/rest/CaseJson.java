package org.amtsgang.cases.internal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import org.amtsgang.cases.api.dto.CasePage;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.Decision;

/**
 * A case as the REST API shows it: the {@link CaseView} with its form as a JSON object rather than
 * as text inside a string.
 */
record CaseJson(
        String id,
        String serviceId,
        String serviceVersion,
        String officeId,
        String applicant,
        String applicantName,
        CaseStatus status,
        @JsonRawValue @JsonInclude(JsonInclude.Include.NON_NULL) String formData,
        Instant createdAt,
        Instant submittedAt,
        LocalDate dueDate,
        String assignee,
        Decision decision,
        long feeCents,
        long version) {

    static CaseJson of(CaseView v) {
        return new CaseJson(
                v.id(),
                v.serviceId(),
                v.serviceVersion(),
                v.officeId(),
                v.applicant(),
                v.applicantName(),
                v.status(),
                v.formData(),
                v.createdAt(),
                v.submittedAt(),
                v.dueDate(),
                v.assignee(),
                v.decision(),
                v.feeCents(),
                v.version());
    }

    /** A page of cases. */
    record Page(java.util.List<CaseJson> items, int page, int size, boolean hasMore) {

        static Page of(CasePage p) {
            return new Page(p.items().stream().map(CaseJson::of).toList(), p.page(), p.size(), p.hasMore());
        }
    }
}
