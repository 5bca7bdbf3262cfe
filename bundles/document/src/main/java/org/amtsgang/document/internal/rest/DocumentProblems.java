package org.amtsgang.document.internal.rest;

import java.util.Map;
import java.util.function.Supplier;
import org.amtsgang.document.api.DocumentException;
import org.amtsgang.rest.api.Problem;
import org.amtsgang.rest.api.ProblemException;

/**
 * Says a document area refusal in HTTP: the platform's exception mapper knows only {@link
 * ProblemException}, so the resources translate at their edge.
 */
final class DocumentProblems {

    static final String UNSUPPORTED_TYPE = "https://amtsgang.org/problems/unsupported-content-type";
    static final String TOO_LARGE = "https://amtsgang.org/problems/content-too-large";
    static final String STALE = "https://amtsgang.org/problems/stale-version";
    static final String DAMAGED = "https://amtsgang.org/problems/content-damaged";

    private DocumentProblems() {}

    static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (DocumentException e) {
            throw of(e);
        }
    }

    /** For work that answers nothing (the endpoint answers 204). */
    static void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    static ProblemException of(DocumentException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> ProblemException.notFound(e.getMessage());
            case FORBIDDEN -> ProblemException.forbidden(e.getMessage());
            case BAD_REQUEST -> ProblemException.badRequest(e.getMessage());
            case CONFLICT -> ProblemException.conflict(e.getMessage());
            case UNSUPPORTED_TYPE -> problem(UNSUPPORTED_TYPE, "Unsupported media type", 415, e);
            case TOO_LARGE -> problem(TOO_LARGE, "Payload too large", 413, e);
            case STALE -> problem(STALE, "Precondition failed", 412, e);
            case DAMAGED -> problem(DAMAGED, "Stored content damaged", 500, e);
            case UNAVAILABLE -> new ProblemException(503, "Service unavailable", e.getMessage());
        };
    }

    private static ProblemException problem(String type, String title, int status, DocumentException e) {
        return new ProblemException(new Problem(type, title, status, e.getMessage(), Map.of()));
    }
}
