package org.amtsgang.rest.core.internal;

import java.security.Principal;
import java.util.Optional;
import java.util.function.Supplier;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.rest.api.ProblemException;

/**
 * Establishes who is asking, for every request: a valid bearer token makes its caller the
 * request's principal; no token leaves the request anonymous; a token that is not valid is
 * refused with 401 at once, whatever the endpoint.
 */
@PreMatching
final class AuthenticationFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Supplier<Authenticator> authenticator;

    AuthenticationFilter(Supplier<Authenticator> authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return;
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw invalid("Send the access token as 'Authorization: Bearer <token>'.");
        }
        Authenticator current = authenticator.get();
        if (current == null) {
            throw new ProblemException(
                    503, "Service unavailable", "Logins are not available right now; try again in a moment.");
        }
        Optional<Caller> caller =
                current.authenticate(header.substring(BEARER.length()).trim());
        if (caller.isEmpty()) {
            throw invalid("The access token is invalid or has expired: refresh it or log in again.");
        }
        request.setSecurityContext(new CallerContext(
                caller.get(), request.getUriInfo().getRequestUri().getScheme().equals("https")));
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(new org.amtsgang.rest.api.Problem(
                "about:blank",
                "Unauthorized",
                401,
                detail,
                java.util.Map.of(ProblemMapper.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")));
    }

    /** The security context of an authenticated request. */
    private record CallerContext(Caller caller, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.kind().name().equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
