package org.amtsgang.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.crypto.AccessTokens;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Checks the access token of every API request. A token's signature is verified once; the result
 * is remembered until the token expires, so that a client's following requests cost a map lookup,
 * while disabling an account or ending its sessions takes effect at once.
 */
@Component(service = {Authenticator.class, TokenAuthenticator.class})
public final class TokenAuthenticator implements Authenticator {

    private static final int MAX_CACHED = 100_000;

    private final IdentityCore core;
    private final LoginOptions options;
    private final Map<String, AccessTokens.Verified> verified = new ConcurrentHashMap<>();

    @Activate
    public TokenAuthenticator(@Reference IdentityCore core, @Reference LoginOptions options) {
        this.core = core;
        this.options = options;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.length() > 8192) {
            return Optional.empty();
        }
        long now = core.now();
        AccessTokens.Verified token = verified.get(bearerToken);
        if (token == null) {
            token = core.accessTokens.verify(bearerToken).orElse(null);
            if (token == null) {
                return Optional.empty();
            }
            remember(bearerToken, token, now);
        } else if (!token.expiresAt().isAfter(java.time.Instant.ofEpochMilli(now))) {
            verified.remove(bearerToken);
            return Optional.empty();
        }
        if (!core.revocations.valid(token.caller().subject(), token.issuedAt().toEpochMilli())) {
            return Optional.empty();
        }
        return Optional.of(token.caller());
    }

    @Override
    public List<LoginOption> loginOptions(TrustLevel atLeast) {
        return new ArrayList<>(options.reaching(atLeast));
    }

    private void remember(String bearerToken, AccessTokens.Verified token, long now) {
        if (verified.size() >= MAX_CACHED) {
            verified.values().removeIf(v -> !v.expiresAt().isAfter(java.time.Instant.ofEpochMilli(now)));
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
        }
        verified.put(bearerToken, token);
    }
}
