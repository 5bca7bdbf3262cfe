package org.amtsgang.cases.api.dto;

import java.time.Instant;

/**
 * One step in a case's life.
 *
 * @param at when
 * @param actor who: a subject, {@code system} for steps no person takes (e.g. payment received);
 *     for the applicant, staff appear as their office
 * @param action what was done, e.g. {@code SUBMITTED}, {@code ASSIGNED}, {@code INFORMATION_REQUESTED},
 *     {@code DECISION_PROPOSED}, {@code DECIDED}
 * @param from the status before, or null when the case was created
 * @param to the status after
 * @param message the reason, question or answer given with the step, or null
 */
public record HistoryEntry(Instant at, String actor, String action, CaseStatus from, CaseStatus to, String message) {}
