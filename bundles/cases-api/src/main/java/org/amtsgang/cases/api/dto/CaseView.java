package org.amtsgang.cases.api.dto;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An application as its applicant and the office see it.
 *
 * @param id the case's id
 * @param serviceId the service applied for
 * @param serviceVersion the descriptor version the application was made against
 * @param officeId the responsible office
 * @param applicant the applicant's subject
 * @param applicantName the applicant's name, as their account showed it when they applied
 * @param status where it stands
 * @param formData the form, a JSON object as text; null in lists, which show cases without their forms
 * @param createdAt when the application was started
 * @param submittedAt when it was handed in; null for drafts
 * @param dueDate the statutory deadline for the decision; null for drafts
 * @param assignee the member of staff working on it, or null
 * @param decision the decision, or null; under the four-eyes rule possibly still unconfirmed
 * @param feeCents the fee in euro cents: the service's fee, or the one computed after the decision
 * @param version grows with every change: send it back to change the case (optimistic locking)
 */
public record CaseView(
        String id,
        String serviceId,
        String serviceVersion,
        String officeId,
        String applicant,
        String applicantName,
        CaseStatus status,
        String formData,
        Instant createdAt,
        Instant submittedAt,
        LocalDate dueDate,
        String assignee,
        Decision decision,
        long feeCents,
        long version) {}
