package org.amtsgang.identity.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.SecurityEvent.Type;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.oidc.OidcProvider;
import org.amtsgang.identity.internal.store.AccountRecord;
import org.amtsgang.identity.internal.store.AccountStore;
import org.amtsgang.rest.api.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins through external OpenID providers. A login in progress is remembered by its random
 * {@code state} for ten minutes, with the PKCE verifier and nonce that only the platform knows.
 * Citizens get an account on their first login (or their existing one, matched by a verified
 * e-mail address); staff must already have one.
 */
final class FederatedLogins {

    private static final Duration PENDING = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 50_000;

    private final Logger logger = LoggerFactory.getLogger(FederatedLogins.class);
    private final IdentityCore core;
    private final Sessions sessions;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    FederatedLogins(IdentityCore core, Sessions sessions) {
        this.core = core;
        this.sessions = sessions;
    }

    private record Pending(String provider, String verifier, String nonce, long createdAt) {}

    URI start(OidcProvider provider) {
        long now = core.now();
        if (pending.size() >= MAX_PENDING) {
            pending.values().removeIf(p -> now - p.createdAt() > PENDING.toMillis());
        }
        String state = Secrets.token();
        String verifier = Secrets.token() + Secrets.token();
        String nonce = Secrets.token();
        pending.put(state, new Pending(provider.id(), verifier, nonce, now));
        try {
            return provider.authorizationUri(state, nonce, verifier);
        } catch (IllegalStateException e) {
            pending.remove(state);
            logger.error("OIDC provider {} unavailable: {}", provider.id(), e.getMessage());
            throw new ProblemException(502, "Bad gateway", "The login provider cannot be reached; try again later.");
        }
    }

    Sessions.Tokens finish(OidcProvider provider, String state, String code, String error, String address) {
        Pending login = state == null ? null : pending.remove(state);
        if (login == null
                || !login.provider().equals(provider.id())
                || core.now() - login.createdAt() > PENDING.toMillis()) {
            throw ProblemException.badRequest("This login is unknown or has expired: start it again.");
        }
        if (error != null) {
            throw new ProblemException(401, "Unauthorized", "The login provider refused the login (" + error + ").");
        }
        Validation.required("code", code);
        OidcProvider.Identity identity;
        try {
            identity = provider.redeem(code, login.verifier(), login.nonce());
        } catch (IOException e) {
            logger.warn("OIDC login with {} failed: {}", provider.id(), e.getMessage());
            throw new ProblemException(401, "Unauthorized", "The login could not be verified: start it again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Service unavailable", "Interrupted; try again.");
        }
        AccountRecord account = provider.audience() == PrincipalKind.CITIZEN ? citizen(identity) : staff(identity);
        if (!account.active()) {
            throw new ProblemException(403, "Forbidden", "This account is disabled.");
        }
        TrustLevel level = account.kind() == PrincipalKind.CITIZEN ? identity.trustLevel() : account.trustLevel();
        core.events.record(
                Type.LOGIN,
                account.id(),
                account.id(),
                address,
                Map.of("method", "oidc:" + provider.id(), "acr", level.name()));
        return sessions.start(account, level);
    }

    private AccountRecord citizen(OidcProvider.Identity identity) {
        Optional<AccountRecord> linked =
                core.federation.accountOf(identity.issuer(), identity.subject()).flatMap(core.accounts::byId);
        if (linked.isPresent()) {
            return linked.get();
        }
        AccountRecord account = identity.emailVerified() && identity.email() != null
                ? core.accounts
                        .byEmail(identity.email())
                        .filter(a -> a.kind() == PrincipalKind.CITIZEN)
                        .orElseGet(() -> create(identity))
                : create(identity);
        core.federation.link(identity.issuer(), identity.subject(), account.id(), core.now());
        return account;
    }

    private AccountRecord staff(OidcProvider.Identity identity) {
        Optional<AccountRecord> linked =
                core.federation.accountOf(identity.issuer(), identity.subject()).flatMap(core.accounts::byId);
        if (linked.isPresent()) {
            return linked.get();
        }
        AccountRecord account = Optional.ofNullable(identity.emailVerified() ? identity.email() : null)
                .flatMap(core.accounts::byEmail)
                .filter(a -> a.kind() != PrincipalKind.CITIZEN)
                .orElseThrow(() -> new ProblemException(
                        403, "Forbidden", "No staff account matches this login; ask an operator to create one."));
        core.federation.link(identity.issuer(), identity.subject(), account.id(), core.now());
        return account;
    }

    private AccountRecord create(OidcProvider.Identity identity) {
        // only a verified, free address becomes the account's; otherwise a stand-in that cannot receive mail
        boolean usable = identity.emailVerified()
                && identity.email() != null
                && core.accounts.byEmail(identity.email()).isEmpty();
        String email = usable
                ? identity.email()
                : Secrets.sha256(identity.issuer() + "\n" + identity.subject()).substring(0, 24) + "@federated.invalid";
        String name = identity.name() == null || identity.name().isBlank() ? email : identity.name();
        AccountRecord account = core.accounts.create(
                new AccountStore.NewAccount(
                        email,
                        PrincipalKind.CITIZEN,
                        name.length() > 200 ? name.substring(0, 200) : name,
                        null,
                        AccountInfo.Status.ACTIVE,
                        TrustLevel.BASIS,
                        null,
                        false,
                        java.util.Set.of()),
                core.now());
        core.events.record(Type.REGISTERED, account.id(), account.id(), null, Map.of("method", "oidc"));
        return account;
    }
}
