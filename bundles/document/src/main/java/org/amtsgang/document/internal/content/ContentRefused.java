package org.amtsgang.document.internal.content;

/** Content that is not taken into the store, with the reason a caller can act on. */
public final class ContentRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why it was refused. */
    public enum Why {
        EMPTY,
        TOO_LARGE,
        UNSUPPORTED_TYPE,
        BOMB,
        MALFORMED
    }

    private final Why why;

    public ContentRefused(Why why, String message) {
        super(message);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
