package org.amtsgang.payment.internal.rest;

import java.util.function.Supplier;
import org.amtsgang.payment.api.PaymentException;
import org.amtsgang.rest.api.Problem;
import org.amtsgang.rest.api.ProblemException;

/**
 * Says a payment area refusal in HTTP: the platform's exception mapper knows only {@link
 * ProblemException}, so the resources translate at their edge.
 */
final class PaymentProblems {

    static final String KEY_REUSED_TYPE = "https://amtsgang.org/problems/idempotency-key-reused";
    static final String STALE_TYPE = "https://amtsgang.org/problems/stale-refundable-amount";
    static final String BAD_SIGNATURE_TYPE = "https://amtsgang.org/problems/bad-signature";

    private PaymentProblems() {}

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (PaymentException e) {
            throw of(e);
        }
    }

    static ProblemException of(PaymentException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ProblemException.notFound(e.getMessage());
            case FORBIDDEN -> ProblemException.forbidden(e.getMessage());
            case BAD_REQUEST -> ProblemException.badRequest(e.getMessage());
            case CONFLICT -> ProblemException.conflict(e.getMessage());
            case KEY_REUSED -> new ProblemException(
                    new Problem(KEY_REUSED_TYPE, "Idempotency-Key reused", 422, e.getMessage(), java.util.Map.of()));
            case STALE -> new ProblemException(
                    new Problem(STALE_TYPE, "Precondition failed", 412, e.getMessage(), java.util.Map.of()));
            case BAD_SIGNATURE -> new ProblemException(
                    new Problem(BAD_SIGNATURE_TYPE, "Unauthorized", 401, e.getMessage(), java.util.Map.of()));
            case UNAVAILABLE -> new ProblemException(503, "Service unavailable", e.getMessage());
        };
    }
}
