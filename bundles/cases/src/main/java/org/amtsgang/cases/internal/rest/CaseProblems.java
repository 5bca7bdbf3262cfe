package org.amtsgang.cases.internal.rest;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.rest.api.Problem;
import org.amtsgang.rest.api.ProblemException;

/**
 * Says a case area refusal in HTTP: the platform's exception mapper knows only {@link
 * ProblemException}, so the resources translate at their edge.
 */
final class CaseProblems {

    static final String INVALID_FORM_TYPE = "https://amtsgang.org/problems/invalid-form";
    static final String KEY_REUSED_TYPE = "https://amtsgang.org/problems/idempotency-key-reused";

    private CaseProblems() {}

    /** Runs a call into the case service, answering its refusals as problems. */
    static <T> T call(Caller caller, Authenticator logins, Supplier<T> work) {
        try {
            return work.get();
        } catch (CaseException e) {
            throw of(e, caller, logins);
        }
    }

    static void run(Caller caller, Authenticator logins, Runnable work) {
        call(caller, logins, () -> {
            work.run();
            return null;
        });
    }

    static ProblemException of(CaseException e, Caller caller, Authenticator logins) {
        return switch (e.reason()) {
            case NOT_FOUND, UNAVAILABLE -> ProblemException.notFound(e.getMessage());
            case FORBIDDEN -> ProblemException.forbidden(e.getMessage());
            case TRUST_LEVEL -> trustLevel(TrustLevel.valueOf(e.getMessage()), caller, logins);
            case CONFLICT, STALE -> ProblemException.conflict(e.getMessage());
            case INVALID -> new ProblemException(
                    new Problem(INVALID_FORM_TYPE, "Invalid form", 422, e.getMessage(), Map.of("errors", e.errors())));
            case KEY_REUSED -> new ProblemException(
                    new Problem(KEY_REUSED_TYPE, "Idempotency-Key reused", 422, e.getMessage(), Map.of()));
            case BAD_REQUEST -> ProblemException.badRequest(e.getMessage());
            case TOO_LARGE -> new ProblemException(413, "Payload too large", e.getMessage());
            case TEMPORARILY_UNAVAILABLE -> new ProblemException(503, "Service unavailable", e.getMessage());
        };
    }

    private static ProblemException trustLevel(TrustLevel required, Caller caller, Authenticator logins) {
        List<LoginOption> options = logins == null ? List.of() : logins.loginOptions(required);
        return ProblemException.trustLevelTooLow(required, caller.trustLevel(), options);
    }
}
