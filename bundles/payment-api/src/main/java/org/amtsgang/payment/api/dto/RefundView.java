package org.amtsgang.payment.api.dto;

import java.time.Instant;

/**
 * A refund and where it stands.
 *
 * @param id the refund's id
 * @param paymentId the payment paid back
 * @param amountCents how much
 * @param reason why
 * @param succeeded whether the provider paid it back (else it is pending)
 * @param requestedBy who asked for it
 * @param at when
 * @param payment the payment after the refund
 */
public record RefundView(
        String id,
        String paymentId,
        long amountCents,
        String reason,
        boolean succeeded,
        String requestedBy,
        Instant at,
        PaymentView payment) {}
