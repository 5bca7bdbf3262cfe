package org.amtsgang.rest.api;

import java.util.Map;

/**
 * Thrown by a resource or service to answer with a problem detail. The platform's one exception
 * mapper turns it into {@code application/problem+json}.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    public ProblemException(int status, String title, String detail) {
        this(new Problem("about:blank", title, status, detail, Map.of()));
    }

    public Problem problem() {
        return problem;
    }

    /** 400: the request is malformed, e.g. a query parameter out of range. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    /** 404: the named thing does not exist (or the caller may not know that it does). */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    /** 401: the request needs a login. */
    public static ProblemException unauthenticated() {
        return new ProblemException(
                401, "Unauthorized", "Log in first: send an access token as 'Authorization: Bearer <token>'.");
    }

    /** 403: the caller is known, but this is not theirs to see or do. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    /** The type of the problem a citizen below the needed trust level gets. */
    public static final String TRUST_LEVEL_TYPE = "https://amtsgang.org/problems/trust-level";

    /**
     * 403 for a citizen logged in below the trust level something needs: names the level and the
     * logins that reach it.
     */
    public static ProblemException trustLevelTooLow(
            org.amtsgang.identity.api.TrustLevel required,
            org.amtsgang.identity.api.TrustLevel current,
            java.util.List<org.amtsgang.identity.api.LoginOption> options) {
        String how = options.isEmpty()
                ? "No login configured here reaches it; ask the city."
                : "Log in with "
                        + String.join(
                                " or ", options.stream().map(o -> o.name()).toList()) + ".";
        return new ProblemException(new Problem(
                TRUST_LEVEL_TYPE,
                "Higher trust level needed",
                403,
                "This needs trust level " + required + " (eIDAS " + required.eidasLevel() + "); you are logged in at "
                        + current + ". " + how,
                Map.of(
                        "requiredTrustLevel", required.name(),
                        "currentTrustLevel", current.name(),
                        "loginOptions", options)));
    }

    /** 409: the request conflicts with the current state of the resource. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }
}
