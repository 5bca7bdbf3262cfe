package org.amtsgang.payment.api.dto;

import java.time.Instant;

/**
 * Which payments to list; every filter is optional ({@code null}).
 *
 * @param officeId the office (staff may list only their own; operators any or all)
 * @param state one state
 * @param provider one provider
 * @param caseId one case
 * @param from created at or after
 * @param to created before
 * @param page the page, from 0
 * @param size the page size
 */
public record PaymentQuery(
        String officeId,
        PaymentState state,
        String provider,
        String caseId,
        Instant from,
        Instant to,
        int page,
        int size) {}
