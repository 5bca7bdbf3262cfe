package org.amtsgang.payment.internal;

import static org.amtsgang.payment.api.PaymentException.Reason.BAD_REQUEST;
import static org.amtsgang.payment.api.PaymentException.Reason.CONFLICT;
import static org.amtsgang.payment.api.PaymentException.Reason.STALE;
import static org.amtsgang.payment.api.PaymentException.Reason.UNAVAILABLE;

import java.time.Instant;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.payment.api.PaymentException;
import org.amtsgang.payment.api.dto.NewRefund;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.dto.RefundView;
import org.amtsgang.payment.api.spi.PaymentProvider;
import org.amtsgang.payment.internal.store.PaymentEntity;
import org.amtsgang.payment.internal.store.PaymentStore;
import org.amtsgang.payment.internal.store.RefundEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paying back fees of applications that were withdrawn or rejected, as far as the service's rule
 * allows. A refund is first recorded as pending (under the payment's lock, checked against what
 * the caller saw), then asked of the provider with its own id, so that asking again after a crash
 * never pays back twice; it is booked when the provider completed it.
 */
final class Refunds {

    static final int PENDING = 0;
    static final int DONE = 1;
    static final int REFUSED = -1;

    private final Logger logger = LoggerFactory.getLogger(Refunds.class);
    private final PaymentStore store;
    private final Providers providers;

    Refunds(PaymentStore store, Providers providers) {
        this.store = store;
        this.providers = providers;
    }

    /** How much of the payment may still be paid back, given its case as it stands. */
    static long refundable(PaymentEntity p, CaseView c, ServiceRules rules) {
        PaymentState state = PaymentState.valueOf(p.state);
        if (!state.paid() || state == PaymentState.REFUND_PENDING) {
            return 0;
        }
        CaseStatus outcome = outcome(c);
        if (outcome == null) {
            return 0;
        }
        long allowed = p.amountCents * rules.refund(p.serviceId).percentFor(outcome) / 100;
        return Math.max(0, allowed - p.refundedCents);
    }

    /** WITHDRAWN or REJECTED, also once the case was closed; else null (nothing to pay back). */
    private static CaseStatus outcome(CaseView c) {
        return switch (c.status()) {
            case WITHDRAWN, REJECTED -> c.status();
            case CLOSED -> c.decision() == null
                    ? CaseStatus.WITHDRAWN
                    : c.decision().kind() == DecisionKind.REJECT ? CaseStatus.REJECTED : null;
            default -> null;
        };
    }

    RefundView refund(Caller staff, PaymentEntity seen, long refundable, NewRefund request, long expected) {
        if (expected != refundable) {
            throw new PaymentException(
                    STALE,
                    "Refundable is now " + refundable + " cents, not the " + expected
                            + " you saw; look at the payment again before paying back.");
        }
        if (request == null || request.amountCents() <= 0) {
            throw new PaymentException(BAD_REQUEST, "Name the amount to pay back in cents (amountCents > 0).");
        }
        if (request.reason() == null
                || request.reason().isBlank()
                || request.reason().length() > 1000) {
            throw new PaymentException(BAD_REQUEST, "Give a reason for the refund (up to 1000 characters).");
        }
        if (request.amountCents() > refundable) {
            throw new PaymentException(
                    CONFLICT,
                    "At most " + refundable + " cents of this payment can be paid back under the service's rule.");
        }
        PaymentProvider provider = providers
                .get(seen.provider)
                .orElseThrow(() -> new PaymentException(
                        UNAVAILABLE,
                        "The payment provider '" + seen.provider + "' is not available; try again later."));
        RefundEntity r = new RefundEntity();
        r.id = PaymentIds.refund();
        r.paymentId = seen.id;
        r.amountCents = request.amountCents();
        r.reason = request.reason().trim();
        r.requestedBy = staff.subject();
        r.atMillis = System.currentTimeMillis();
        r.succeeded = PENDING;
        store.change(seen.id, (p, tx) -> {
            if (p.refundedCents != seen.refundedCents
                    || !p.state.equals(seen.state)
                    || tx.pendingRefund(p.id).isPresent()) {
                throw new PaymentException(
                        STALE, "The payment changed meanwhile; look at it again before paying back.");
            }
            PaymentState from = PaymentState.valueOf(p.state);
            tx.persist(r);
            p.state = PaymentState.REFUND_PENDING.name();
            p.updatedAt = r.atMillis;
            tx.persist(Views.event(
                    p.id,
                    "REFUND_REQUESTED",
                    from,
                    PaymentState.REFUND_PENDING,
                    staff.subject(),
                    r.amountCents + " cents: " + r.reason));
            return p;
        });
        int result = ask(provider, seen.providerRef, r);
        PaymentEntity after = settle(seen.id, r.id, result);
        return new RefundView(
                r.id,
                seen.id,
                r.amountCents,
                r.reason,
                result == DONE,
                staff.subject(),
                Instant.ofEpochMilli(r.atMillis),
                Views.of(after));
    }

    /** Asks providers again about refunds still pending (after a crash or an outage). */
    int retryPending() {
        int settled = 0;
        for (String paymentId : store.withPendingRefunds(100)) {
            PaymentEntity p = store.find(paymentId).orElse(null);
            if (p == null) {
                continue;
            }
            for (RefundEntity r : store.refunds(paymentId)) {
                if (r.succeeded != PENDING) {
                    continue;
                }
                int result = providers
                        .get(p.provider)
                        .map(pp -> ask(pp, p.providerRef, r))
                        .orElse(PENDING);
                if (result != PENDING) {
                    settle(paymentId, r.id, result);
                    settled++;
                }
            }
        }
        return settled;
    }

    private int ask(PaymentProvider provider, String reference, RefundEntity r) {
        try {
            return provider.refund(reference, r.id, r.amountCents) ? DONE : PENDING;
        } catch (IllegalArgumentException | IllegalStateException refused) {
            logger.warn("Provider {} refused refund {}: {}", provider.id(), r.id, refused.getMessage());
            return REFUSED;
        } catch (RuntimeException e) {
            logger.warn(
                    "Provider {} did not complete refund {}; trying again later: {}",
                    provider.id(),
                    r.id,
                    e.toString());
            return PENDING;
        }
    }

    /** Records the provider's answer: booked and counted when done, the payment restored when refused. */
    private PaymentEntity settle(String paymentId, String refundId, int result) {
        return store.change(paymentId, (p, tx) -> {
                    RefundEntity r = tx.refund(refundId);
                    if (result == PENDING || r == null || r.succeeded != PENDING) {
                        return p;
                    }
                    r.succeeded = result;
                    PaymentState from = PaymentState.valueOf(p.state);
                    if (result == DONE) {
                        p.refundedCents += r.amountCents;
                        tx.persist(Views.booking(p, "R-" + r.id, -r.amountCents));
                    }
                    PaymentState to = p.refundedCents == 0
                            ? PaymentState.SUCCEEDED
                            : p.refundedCents >= p.amountCents
                                    ? PaymentState.REFUNDED
                                    : PaymentState.PARTIALLY_REFUNDED;
                    p.state = to.name();
                    p.updatedAt = System.currentTimeMillis();
                    tx.persist(Views.event(
                            p.id,
                            result == DONE ? "REFUNDED" : "REFUND_REFUSED",
                            from,
                            to,
                            "provider:" + p.provider,
                            "refund " + r.id + ", " + r.amountCents + " cents"));
                    return p;
                })
                .orElseThrow();
    }
}
