package org.amtsgang.identity.internal.crypto;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.amtsgang.identity.api.Caller;

/**
 * What every API request pays for its access token. A token's signature is verified once (an
 * ES256 check costs about 2 ms on this JDK); the result is remembered until the token expires, so
 * that a client's following requests cost a map lookup, while the validity check (disabled
 * accounts, ended sessions) runs on every request and takes effect at once.
 */
public final class VerifiedTokens {

    /** Whether tokens of a subject issued at a moment are still good. */
    @FunctionalInterface
    public interface Validity {
        boolean valid(String subject, long issuedAtMillis);
    }

    private static final int MAX_CACHED = 100_000;
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final AccessTokens tokens;
    private final Validity validity;
    private final Clock clock;
    private final Map<String, AccessTokens.Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(AccessTokens tokens, Validity validity, Clock clock) {
        this.tokens = tokens;
        this.validity = validity;
        this.clock = clock;
    }

    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        AccessTokens.Verified token = verified.get(bearerToken);
        if (token == null) {
            token = tokens.verify(bearerToken).orElse(null);
            if (token == null) {
                return Optional.empty();
            }
            remember(bearerToken, token, now);
        } else if (!token.expiresAt().isAfter(now)) {
            verified.remove(bearerToken);
            return Optional.empty();
        }
        if (!validity.valid(token.caller().subject(), token.issuedAt().toEpochMilli())) {
            return Optional.empty();
        }
        return Optional.of(token.caller());
    }

    /** Forgets a token, so that its next request verifies it in full (for benchmarks and tests). */
    public void forget(String bearerToken) {
        verified.remove(bearerToken);
    }

    // Bounded: a flood of distinct tokens must not grow the map without limit.
    private void remember(String bearerToken, AccessTokens.Verified token, Instant now) {
        if (verified.size() >= MAX_CACHED) {
            verified.values().removeIf(v -> !v.expiresAt().isAfter(now));
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
        }
        verified.put(bearerToken, token);
    }
}
