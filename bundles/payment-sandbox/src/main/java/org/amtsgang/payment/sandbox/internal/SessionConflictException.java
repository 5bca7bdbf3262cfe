package org.amtsgang.payment.sandbox.internal;

/** A session that cannot take the payer's choice: already decided, or decided a moment ago. */
final class SessionConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SessionConflictException(String message) {
        super(message);
    }
}
