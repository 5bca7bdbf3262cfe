package org.amtsgang.rest.api;

import java.util.Optional;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.identity.api.Caller;

/** The caller of the current request, as the platform's authentication filter established it. */
public final class Callers {

    private Callers() {}

    /** The caller, or empty for an anonymous request. */
    public static Optional<Caller> of(SecurityContext security) {
        return security.getUserPrincipal() instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    /**
     * The caller of a resource whose access rule already excludes anonymous requests; a 401
     * problem if there is none after all.
     */
    public static Caller required(SecurityContext security) {
        return of(security).orElseThrow(ProblemException::unauthenticated);
    }
}
