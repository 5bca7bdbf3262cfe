package org.amtsgang.payment.api;

/** Why the payment area refused a request. */
public class PaymentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of refusal. */
    public enum Reason {
        /** No such payment (or case), or not the caller's to know of. */
        NOT_FOUND,
        /** Known to the caller, but not theirs to do. */
        FORBIDDEN,
        /** The request is malformed. */
        BAD_REQUEST,
        /** Not possible in the current state, e.g. paying a case twice. */
        CONFLICT,
        /** An idempotency key used again with another request. */
        KEY_REUSED,
        /** What the caller saw is out of date, e.g. the refundable amount. */
        STALE,
        /** A provider notification whose signature does not verify. */
        BAD_SIGNATURE,
        /** The provider named is not there (now). */
        UNAVAILABLE
    }

    private final Reason reason;

    public PaymentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PaymentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
