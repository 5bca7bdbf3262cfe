package org.amtsgang.payment.sandbox.internal;

import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.api.spi.ProviderStatus;

/** A payment session as the provider knows it at one moment. */
record Session(
        String reference,
        String paymentId,
        long amountCents,
        String purpose,
        String method,
        String returnUrl,
        ProviderOutcome outcome,
        long refundedCents,
        long createdAt,
        long updatedAt,
        long version) {

    static Session of(SessionEntity e) {
        return new Session(
                e.reference,
                e.paymentId,
                e.amountCents,
                e.purpose,
                e.method,
                e.returnUrl,
                ProviderOutcome.valueOf(e.outcome),
                e.refundedCents,
                e.createdAt,
                e.updatedAt,
                e.version);
    }

    /** What {@code PaymentProvider.status} answers: only a paid session has captured anything. */
    ProviderStatus status() {
        long captured = outcome == ProviderOutcome.SUCCEEDED ? amountCents : 0;
        return new ProviderStatus(outcome, method, captured, refundedCents);
    }
}
