package org.amtsgang.cases.api;

import java.util.List;
import org.amtsgang.cases.api.dto.FieldError;

/** Why the case area refused a request. */
public class CaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of refusal. */
    public enum Reason {
        /** No such case, or not the caller's to know of. */
        NOT_FOUND,
        /** Known to the caller, but not theirs to do. */
        FORBIDDEN,
        /** The caller's login is below the service's trust level. */
        TRUST_LEVEL,
        /** Not possible in the case's state, e.g. deciding a withdrawn case. */
        CONFLICT,
        /** The case changed since the caller read it. */
        STALE,
        /** The form is not valid; the field errors say where. */
        INVALID,
        /** An idempotency key used again with another request. */
        KEY_REUSED,
        /** The request itself is malformed. */
        BAD_REQUEST,
        /** A form or file is larger than accepted. */
        TOO_LARGE,
        /** The service is not offered (any more). */
        UNAVAILABLE,
        /** A part the request needs is not running just now, e.g. the document service while it is updated. */
        TEMPORARILY_UNAVAILABLE
    }

    private final Reason reason;
    private final transient List<FieldError> errors;

    public CaseException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public CaseException(Reason reason, String message, List<FieldError> errors) {
        super(message);
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#INVALID}: every problem of the form. */
    public List<FieldError> errors() {
        return errors;
    }
}
