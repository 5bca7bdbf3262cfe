package org.amtsgang.identity.internal;

import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.store.AccountRecord;
import org.amtsgang.identity.internal.store.TokenStore;
import org.amtsgang.rest.api.ProblemException;

/**
 * Starts, continues and ends sessions: an access token plus a rotating refresh token, the same for
 * local and federated logins.
 */
final class Sessions {

    private final IdentityCore core;

    Sessions(IdentityCore core) {
        this.core = core;
    }

    /** What a login or refresh hands out. */
    record Tokens(
            String accessToken,
            String tokenType,
            long expiresIn,
            String refreshToken,
            String trustLevel,
            String kind,
            String subject) {}

    /** A new session at the trust level this login reached. */
    Tokens start(AccountRecord account, TrustLevel level) {
        String refresh = Secrets.token();
        long now = core.now();
        core.tokens.start(account.id(), Secrets.sha256(refresh), level, now, expiry(now));
        return tokens(account, level, refresh);
    }

    /** Exchanges a refresh token for new tokens; the old refresh token is spent. */
    Tokens refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ProblemException.badRequest("refreshToken is required.");
        }
        String next = Secrets.token();
        long now = core.now();
        TokenStore.Rotation rotation =
                core.tokens.rotate(Secrets.sha256(refreshToken), Secrets.sha256(next), now, expiry(now));
        if (rotation instanceof TokenStore.Rotation.Reused reused) {
            core.events.record(
                    org.amtsgang.identity.api.SecurityEvent.Type.TOKEN_REFRESH_REUSED,
                    reused.accountId(),
                    "system",
                    null,
                    java.util.Map.of("action", "session revoked"));
            throw sessionEnded();
        }
        if (!(rotation instanceof TokenStore.Rotation.Rotated rotated)) {
            throw sessionEnded();
        }
        AccountRecord account = core.accounts
                .byId(rotated.accountId())
                .filter(AccountRecord::active)
                .orElse(null);
        if (account == null) {
            core.tokens.revokeAll(rotated.accountId(), now);
            throw sessionEnded();
        }
        return tokens(account, rotated.trustLevel(), next);
    }

    void end(String refreshToken) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            core.tokens.revoke(Secrets.sha256(refreshToken), core.now());
        }
    }

    /** Ends every session of the account at once, access tokens included. */
    void endAll(String accountId) {
        long now = core.now();
        core.tokens.revokeAll(accountId, now);
        core.revocations.endSessions(accountId, now / 1000 * 1000);
    }

    static Caller caller(AccountRecord account, TrustLevel level) {
        return new Caller(
                account.id(), account.kind(), account.displayName(), account.email(), level, account.officeRoles());
    }

    private Tokens tokens(AccountRecord account, TrustLevel level, String refresh) {
        String access = core.accessTokens.issue(caller(account, level));
        return new Tokens(
                access,
                "Bearer",
                core.accessTokens.lifetime().toSeconds(),
                refresh,
                level.name(),
                account.kind().name(),
                account.id());
    }

    private long expiry(long now) {
        return now + java.time.Duration.ofDays(core.config.refreshTokenDays()).toMillis();
    }

    private static ProblemException sessionEnded() {
        return new ProblemException(401, "Unauthorized", "This session has ended: log in again.");
    }
}
