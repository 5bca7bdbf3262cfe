package org.amtsgang.cases.api.dto;

import java.time.Instant;

/**
 * A decision on a case, always made by a person. Under the four-eyes rule it takes effect when a
 * second member of staff confirms it; until then {@code confirmedBy} is null and the case stays in
 * review.
 *
 * @param kind approve or reject
 * @param reason the written reason
 * @param decidedBy the subject of the member of staff who decided
 * @param decidedAt when
 * @param confirmedBy the second member of staff, under the four-eyes rule; null otherwise or while pending
 * @param confirmedAt when they confirmed
 */
public record Decision(
        DecisionKind kind,
        String reason,
        String decidedBy,
        Instant decidedAt,
        String confirmedBy,
        Instant confirmedAt) {}
