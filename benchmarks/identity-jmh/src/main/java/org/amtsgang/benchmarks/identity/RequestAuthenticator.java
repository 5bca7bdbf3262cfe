package org.amtsgang.benchmarks.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.internal.crypto.AccessTokens;

/**
 * What the platform does with the access token of every API request, without the OSGi components
 * around it: rest-core's {@code AuthenticationFilter} takes the token from the {@code
 * Authorization} header and hands it to the identity bundle's {@code TokenAuthenticator}, which
 * verifies a token's signature once ({@link AccessTokens#verify}, the real class), remembers the
 * result in a {@link ConcurrentHashMap} until the token expires, and checks the revocations on every
 * request. {@code TokenAuthenticator} needs the component {@code IdentityCore} (database, keys on
 * disk, configuration), so {@link #authenticate} repeats its code line for line on the same classes.
 * Keep it in step; {@code benchmarks/identity/run.sh} warns when those files changed since.
 */
final class RequestAuthenticator {

    private static final String BEARER = "Bearer ";
    private static final int MAX_CACHED = 100_000;

    private final AccessTokens accessTokens;
    private final RevocationList revocations;
    private final Clock clock;
    private final Map<String, AccessTokens.Verified> verified = new ConcurrentHashMap<>();

    RequestAuthenticator(AccessTokens accessTokens, RevocationList revocations, Clock clock) {
        this.accessTokens = accessTokens;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** {@code AuthenticationFilter.filter}: the header's token, then the authenticator. */
    Optional<Caller> filter(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        if (!authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new IllegalArgumentException("not a bearer token");
        }
        return authenticate(authorizationHeader.substring(BEARER.length()).trim());
    }

    /** {@code TokenAuthenticator.authenticate}. */
    Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.length() > 8192) {
            return Optional.empty();
        }
        long now = clock.millis();
        AccessTokens.Verified token = verified.get(bearerToken);
        if (token == null) {
            token = accessTokens.verify(bearerToken).orElse(null);
            if (token == null) {
                return Optional.empty();
            }
            remember(bearerToken, token, now);
        } else if (!token.expiresAt().isAfter(Instant.ofEpochMilli(now))) {
            verified.remove(bearerToken);
            return Optional.empty();
        }
        if (!revocations.valid(token.caller().subject(), token.issuedAt().toEpochMilli())) {
            return Optional.empty();
        }
        return Optional.of(token.caller());
    }

    /** Makes the token unseen again, so that its next request verifies it in full. */
    void forget(String bearerToken) {
        verified.remove(bearerToken);
    }

    /** Puts a verified token into the cache, as an earlier request of its client would have. */
    void seed(String bearerToken, AccessTokens.Verified token) {
        remember(bearerToken, token, clock.millis());
    }

    int cached() {
        return verified.size();
    }

    private void remember(String bearerToken, AccessTokens.Verified token, long now) {
        if (verified.size() >= MAX_CACHED) {
            verified.values().removeIf(v -> !v.expiresAt().isAfter(Instant.ofEpochMilli(now)));
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
        }
        verified.put(bearerToken, token);
    }
}
