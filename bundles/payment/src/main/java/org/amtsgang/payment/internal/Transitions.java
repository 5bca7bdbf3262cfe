package org.amtsgang.payment.internal;

import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.spi.ProviderOutcome;

/**
 * What a provider's word does to a payment. The one place that decides it, so that notifications,
 * reconciliation and the expiry sweep agree.
 *
 * <p>Notifications arrive late, twice or out of order: a payment never moves back (an old "open"
 * after "paid" changes nothing), and an outcome never overrides another outcome unless it is a
 * success the provider itself confirmed, because money that arrived must never be lost to an
 * earlier failure, cancellation or expiry.
 */
final class Transitions {

    /** What to do with a provider's word. */
    enum Verdict {
        /** Move the payment to {@link Move#to()}. */
        APPLY,
        /** Change nothing; {@link Move#why()} says why. */
        IGNORE,
        /** Ask the provider first; apply only what it answers. */
        CONFIRM_FIRST
    }

    record Move(Verdict verdict, PaymentState to, String why) {

        static Move apply(PaymentState to) {
            return new Move(Verdict.APPLY, to, null);
        }

        static Move ignore(String why) {
            return new Move(Verdict.IGNORE, null, why);
        }
    }

    private Transitions() {}

    /** The state a provider outcome stands for. */
    static PaymentState target(ProviderOutcome outcome) {
        return switch (outcome) {
            case OPEN -> PaymentState.STARTED;
            case AUTHORISED -> PaymentState.AUTHORISED;
            case SUCCEEDED -> PaymentState.SUCCEEDED;
            case FAILED -> PaymentState.FAILED;
            case CANCELLED -> PaymentState.CANCELLED;
        };
    }

    /**
     * @param current the payment's state
     * @param outcome what the provider says
     * @param confirmed whether it is the provider's answer to being asked (reconciliation), not a
     *     notification
     */
    static Move of(PaymentState current, ProviderOutcome outcome, boolean confirmed) {
        PaymentState target = target(outcome);
        if (target == current) {
            return Move.ignore("already " + current);
        }
        if (current.paid()) {
            return Move.ignore("already paid");
        }
        if (!current.finished()) {
            return target.rank() > current.rank()
                    ? Move.apply(target)
                    : Move.ignore("outdated: " + target + " after " + current);
        }
        // FAILED, CANCELLED or EXPIRED: only a success can still come, and only when confirmed
        if (target != PaymentState.SUCCEEDED) {
            return Move.ignore("already finished as " + current);
        }
        return confirmed ? Move.apply(target) : new Move(Verdict.CONFIRM_FIRST, target, "success after " + current);
    }
}
