package org.amtsgang.identity.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Turns the bearer token of a request into the caller it was issued to. */
@ProviderType
public interface Authenticator {

    /**
     * The caller of a valid, unexpired access token issued by this platform to an account that is
     * still active; empty for anything else. Never throws for a bad token.
     */
    Optional<Caller> authenticate(String bearerToken);

    /** The ways to log in that reach at least this trust level, for telling a caller how to get there. */
    List<LoginOption> loginOptions(TrustLevel atLeast);
}
