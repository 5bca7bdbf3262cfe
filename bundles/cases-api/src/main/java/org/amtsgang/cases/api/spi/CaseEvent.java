package org.amtsgang.cases.api.spi;

import java.time.Instant;
import org.amtsgang.cases.api.dto.CaseStatus;

/**
 * A case changed its status.
 *
 * @param caseId the case
 * @param serviceId its service
 * @param officeId its office
 * @param applicant its applicant's subject
 * @param from the status before, or null when it was created
 * @param to the status now
 * @param actor who caused it
 * @param at when
 */
public record CaseEvent(
        String caseId,
        String serviceId,
        String officeId,
        String applicant,
        CaseStatus from,
        CaseStatus to,
        String actor,
        Instant at) {}
