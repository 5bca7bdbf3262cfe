package org.amtsgang.identity.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.SecurityEvent.Type;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.store.AccountRecord;
import org.amtsgang.identity.internal.store.AccountStore;
import org.amtsgang.identity.internal.store.CodeStore;
import org.amtsgang.notification.api.Mail;
import org.amtsgang.rest.api.Problem;
import org.amtsgang.rest.api.ProblemException;

/**
 * The platform's own accounts: registration with a code by e-mail, login with password (and TOTP
 * for staff), password change and reset. Whether an address has an account is never told: unknown
 * addresses get the same answers, after the same work, as known ones.
 */
final class LocalLogins {

    private final IdentityCore core;
    private final Sessions sessions;

    /** Checked when there is no account, so that a miss costs what a hit costs. */
    private final String decoyHash;

    LocalLogins(IdentityCore core, Sessions sessions) {
        this.core = core;
        this.sessions = sessions;
        this.decoyHash = core.hasher.hash(Secrets.token().toCharArray());
    }

    void register(String email, String password, String displayName, String address) {
        String mail = Validation.email(email);
        char[] secret = Validation.password(password, mail);
        String name = Validation.name(displayName);
        admit(address);
        String hash = core.hasher.hash(secret); // before the lookup: both answers cost the same
        Optional<AccountRecord> existing = core.accounts.byEmail(mail);
        if (existing.isPresent() && existing.get().status() != AccountInfo.Status.PENDING) {
            core.mailer.send(new Mail(
                    mail,
                    "Ihr Konto bei Amtsgang / Your Amtsgang account",
                    Texts.alreadyRegistered(existing.get().displayName(), core.config.portalUrl())));
            return;
        }
        AccountRecord account = existing.flatMap(pending -> core.accounts.update(pending.id(), core.now(), a -> {
                    a.passwordHash(hash, false);
                    a.displayName(name);
                }))
                .orElseGet(() -> createPending(mail, name, hash));
        sendCode(account, CodeStore.Purpose.CONFIRM_EMAIL);
        core.events.record(Type.REGISTERED, account.id(), account.id(), address, Map.of());
    }

    void confirm(String email, String code) {
        String mail = Validation.email(email);
        Validation.required("code", code);
        AccountRecord account = core.accounts
                .byEmail(mail)
                .filter(a -> a.status() == AccountInfo.Status.PENDING)
                .orElseThrow(LocalLogins::codeRefused);
        if (core.codes.consume(
                        account.id(), CodeStore.Purpose.CONFIRM_EMAIL, Secrets.codeHash(account.id(), code), core.now())
                != CodeStore.Outcome.ACCEPTED) {
            throw codeRefused();
        }
        core.accounts.update(account.id(), core.now(), a -> a.status(AccountInfo.Status.ACTIVE));
        core.events.record(Type.EMAIL_CONFIRMED, account.id(), account.id(), null, Map.of());
    }

    Sessions.Tokens login(String email, String password, String totpCode, String newPassword, String address) {
        String mail = Validation.email(email);
        Validation.required("password", password);
        begin(mail, address);
        Optional<AccountRecord> found = core.accounts.byEmail(mail);
        boolean matches =
                core.hasher.verify(found.map(AccountRecord::passwordHash).orElse(decoyHash), password.toCharArray());
        if (found.isEmpty() || !matches || found.get().passwordHash() == null) {
            throw failed(found.map(AccountRecord::id).orElse(mail), mail, address, "password");
        }
        AccountRecord account = found.get();
        if (account.kind() != PrincipalKind.CITIZEN) {
            account = secondFactor(account, totpCode, mail, address);
        }
        if (account.status() != AccountInfo.Status.ACTIVE) {
            core.throttle.succeeded(mail, orUnknown(address)); // the password was right: no guessing
        }
        if (account.status() == AccountInfo.Status.PENDING) {
            throw new ProblemException(
                    403, "Forbidden", "Confirm your e-mail address first with the code we sent you.");
        }
        if (account.status() == AccountInfo.Status.DISABLED) {
            throw new ProblemException(403, "Forbidden", "This account is disabled.");
        }
        if (account.mustChangePassword()) {
            account = changeOnFirstLogin(account, newPassword);
        } else if (core.hasher.needsRehash(account.passwordHash())) {
            String rehashed = core.hasher.hash(password.toCharArray());
            account = core.accounts
                    .update(account.id(), core.now(), a -> a.passwordHash(rehashed, false))
                    .orElseThrow();
        }
        core.throttle.succeeded(mail, orUnknown(address));
        core.events.record(Type.LOGIN, account.id(), account.id(), address, Map.of("method", "password"));
        return sessions.start(account, account.trustLevel());
    }

    Sessions.Tokens changePassword(String accountId, String current, String next, String address) {
        AccountRecord account = core.accounts
                .byId(accountId)
                .filter(AccountRecord::active)
                .orElseThrow(ProblemException::unauthenticated);
        Validation.required("currentPassword", current);
        begin(account.email(), address);
        if (!core.hasher.verify(account.passwordHash(), current.toCharArray())) {
            throw failed(account.id(), account.email(), address, "password change");
        }
        String hash = core.hasher.hash(Validation.password(next, account.email()));
        AccountRecord changed = core.accounts
                .update(account.id(), core.now(), a -> a.passwordHash(hash, false))
                .orElseThrow();
        sessions.endAll(account.id());
        core.throttle.succeeded(account.email(), orUnknown(address));
        core.events.record(Type.PASSWORD_CHANGED, account.id(), account.id(), address, Map.of());
        return sessions.start(changed, changed.trustLevel());
    }

    void requestReset(String email, String address) {
        String mail = Validation.email(email);
        admit(address);
        core.accounts
                .byEmail(mail)
                .filter(AccountRecord::active)
                .ifPresent(account -> sendCode(account, CodeStore.Purpose.RESET_PASSWORD));
    }

    void reset(String email, String code, String newPassword, String address) {
        String mail = Validation.email(email);
        Validation.required("code", code);
        char[] secret = Validation.password(newPassword, mail);
        begin("reset:" + mail, address);
        AccountRecord account =
                core.accounts.byEmail(mail).filter(AccountRecord::active).orElseThrow(LocalLogins::codeRefused);
        if (core.codes.consume(
                        account.id(),
                        CodeStore.Purpose.RESET_PASSWORD,
                        Secrets.codeHash(account.id(), code),
                        core.now())
                != CodeStore.Outcome.ACCEPTED) {
            core.throttle.failed("reset:" + mail);
            throw codeRefused();
        }
        String hash = core.hasher.hash(secret);
        core.accounts.update(account.id(), core.now(), a -> a.passwordHash(hash, false));
        sessions.endAll(account.id());
        core.throttle.succeeded("reset:" + mail, orUnknown(address));
        core.throttle.forgive(mail); // whoever reads the mailbox may log in again at once
        core.events.record(Type.PASSWORD_RESET, account.id(), account.id(), address, Map.of());
    }

    private AccountRecord secondFactor(AccountRecord account, String code, String mail, String address) {
        if (account.totpSecret() == null) {
            // staff without a second factor log in through their organisation's identity provider
            throw new ProblemException(
                    403,
                    "Forbidden",
                    "Log in through the city's identity provider: this account has no second factor.");
        }
        if (code == null || code.isBlank()) {
            core.throttle.succeeded(mail, orUnknown(address)); // the password was right: ask for the code
            throw new ProblemException(new Problem(
                    "about:blank",
                    "Unauthorized",
                    401,
                    "Enter the 6-digit code from your authenticator app as 'totp'.",
                    Map.of("totpRequired", true)));
        }
        OptionalLong step = core.totp.verify(account.totpSecret(), code.trim(), account.totpLastStep());
        if (step.isEmpty()) {
            throw failed(account.id(), mail, address, "totp");
        }
        return core.accounts
                .update(account.id(), core.now(), a -> a.totpLastStep(step.getAsLong()))
                .orElseThrow();
    }

    private AccountRecord changeOnFirstLogin(AccountRecord account, String newPassword) {
        if (newPassword == null) {
            throw new ProblemException(new Problem(
                    "about:blank",
                    "Forbidden",
                    403,
                    "Choose your own password: send it as 'newPassword' with this login.",
                    Map.of("passwordChangeRequired", true)));
        }
        String hash = core.hasher.hash(Validation.password(newPassword, account.email()));
        core.events.record(Type.PASSWORD_CHANGED, account.id(), account.id(), null, Map.of("reason", "first login"));
        return core.accounts
                .update(account.id(), core.now(), a -> a.passwordHash(hash, false))
                .orElseThrow();
    }

    private AccountRecord createPending(String mail, String name, String hash) {
        try {
            return core.accounts.create(
                    new AccountStore.NewAccount(
                            mail,
                            PrincipalKind.CITIZEN,
                            name,
                            hash,
                            AccountInfo.Status.PENDING,
                            TrustLevel.BASIS,
                            null,
                            false,
                            java.util.Set.of()),
                    core.now());
        } catch (AccountStore.EmailTaken | javax.persistence.PersistenceException raced) {
            // registered a moment ago by a parallel request: the code goes to that account
            return core.accounts.byEmail(mail).orElseThrow(() -> raced);
        }
    }

    private void sendCode(AccountRecord account, CodeStore.Purpose purpose) {
        String code = Secrets.code();
        core.codes.issue(
                account.id(),
                purpose,
                Secrets.codeHash(account.id(), code),
                core.now() + Duration.ofMinutes(core.config.codeMinutes()).toMillis());
        core.mailer.send(
                purpose == CodeStore.Purpose.CONFIRM_EMAIL
                        ? new Mail(
                                account.email(),
                                "Ihr Bestätigungscode / Your confirmation code",
                                Texts.confirmation(account.displayName(), code, core.config.codeMinutes()))
                        : new Mail(
                                account.email(),
                                "Passwort zurücksetzen / Reset your password",
                                Texts.reset(account.displayName(), code, core.config.codeMinutes())));
    }

    private void begin(String account, String address) {
        core.throttle.begin(account, orUnknown(address)).ifPresent(LocalLogins::tooMany);
    }

    private void admit(String address) {
        core.throttle.admit(orUnknown(address)).ifPresent(LocalLogins::tooMany);
    }

    private static void tooMany(Duration wait) {
        throw new ProblemException(new Problem(
                "about:blank",
                "Too many requests",
                429,
                "Too many attempts. Try again in " + Math.max(1, wait.toSeconds()) + " seconds.",
                Map.of("retryAfter", Math.max(1, wait.toSeconds()))));
    }

    private static String orUnknown(String address) {
        return address == null ? "unknown" : address;
    }

    // One answer for unknown address, wrong password and wrong code: nothing to learn from it.
    private ProblemException failed(String subject, String mail, String address, String what) {
        boolean locked = core.throttle.failed(mail);
        core.events.record(Type.LOGIN_FAILED, subject, subject, address, Map.of("factor", what));
        if (locked) {
            core.events.record(
                    Type.LOCKED_OUT,
                    subject,
                    "system",
                    address,
                    Map.of("minutes", String.valueOf(core.config.lockMinutes())));
        }
        return new ProblemException(401, "Unauthorized", "E-mail address, password or code is wrong.");
    }

    private static ProblemException codeRefused() {
        return ProblemException.badRequest("The code is wrong or has expired: request a new one.");
    }
}
