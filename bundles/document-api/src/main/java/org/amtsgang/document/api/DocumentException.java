package org.amtsgang.document.api;

/** Why the document area refused a request. */
public class DocumentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The kinds of refusal. */
    public enum Reason {
        /** No such document, or not the caller's to know of. */
        NOT_FOUND,
        /** Known to the caller, but not theirs to do. */
        FORBIDDEN,
        /** The request is malformed. */
        BAD_REQUEST,
        /** The content is of a type not accepted (only PDF, TIFF, PNG and JPEG are). */
        UNSUPPORTED_TYPE,
        /** The content is larger than allowed, or would decompress to far more than it is. */
        TOO_LARGE,
        /** Not possible in the current state, e.g. deleting a document twice. */
        CONFLICT,
        /** What the caller saw is out of date, e.g. the latest version number. */
        STALE,
        /** The stored content no longer matches its checksum: damaged on disk. */
        DAMAGED,
        /** A part it needs is not there now, e.g. the search index. */
        UNAVAILABLE
    }

    private final Reason reason;

    public DocumentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DocumentException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
