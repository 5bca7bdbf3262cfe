package org.amtsgang.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.crypto.VerifiedTokens;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks the access token of every API request (see {@link VerifiedTokens}): disabling an account or
 * ending its sessions takes effect at once, without a database round trip per request.
 */
@Component(service = {Authenticator.class, TokenAuthenticator.class})
public final class TokenAuthenticator implements Authenticator {

    private final VerifiedTokens tokens;
    private final LoginOptions options;

    @Activate
    public TokenAuthenticator(@Reference IdentityCore core, @Reference LoginOptions options) {
        this.tokens = new VerifiedTokens(core.accessTokens, core.revocations::valid, core.clock);
        this.options = options;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        return tokens.authenticate(bearerToken);
    }

    @Override
    public List<LoginOption> loginOptions(TrustLevel atLeast) {
        return new ArrayList<>(options.reaching(atLeast));
    }
}
