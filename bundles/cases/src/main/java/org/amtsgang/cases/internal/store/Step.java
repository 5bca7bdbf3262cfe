package org.amtsgang.cases.internal.store;

import org.amtsgang.cases.api.dto.CaseStatus;

/**
 * One change of a case as it is recorded: in its history, and in the outbox for the audit trail and
 * the applicant.
 *
 * @param actor who made it: a subject or {@code system}
 * @param action what was done, e.g. {@code SUBMITTED}
 * @param from the status before, or null for a new case
 * @param to the status after
 * @param message the reason, question or answer, or null
 * @param notifyApplicant whether the applicant is told (Postfach and e-mail)
 */
public record Step(
        String actor, String action, CaseStatus from, CaseStatus to, String message, boolean notifyApplicant) {}
