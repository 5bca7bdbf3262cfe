package org.amtsgang.identity.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Accounts;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.SecurityEvent.Type;
import org.amtsgang.identity.api.StaffAdministration;
import org.amtsgang.identity.api.StaffEnrolment;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.crypto.Totp;
import org.amtsgang.identity.internal.store.AccountRecord;
import org.amtsgang.identity.internal.store.AccountStore;
import org.amtsgang.notification.api.Mail;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Accounts as other areas look them up, and staff administration for operators (console) and
 * office leads (REST). Staff get a random initial password to change at the first login and a
 * TOTP secret: both are shown once to whoever creates the account, never stored in clear.
 */
@Component(service = {Accounts.class, StaffAdministration.class, StaffDirectory.class})
public final class StaffDirectory implements Accounts, StaffAdministration {

    private final IdentityCore core;

    @Activate
    public StaffDirectory(@Reference IdentityCore core) {
        this.core = core;
    }

    @Override
    public Optional<AccountInfo> byId(String accountId) {
        return core.accounts.byId(accountId).map(AccountRecord::info);
    }

    @Override
    public Optional<AccountInfo> byEmail(String email) {
        return core.accounts.byEmail(email).map(AccountRecord::info);
    }

    @Override
    public List<AccountInfo> staffOf(String officeId) {
        return core.accounts.staff(officeId).stream().map(AccountRecord::info).toList();
    }

    @Override
    public List<AccountInfo> allStaff() {
        return core.accounts.staff(null).stream().map(AccountRecord::info).toList();
    }

    @Override
    public StaffEnrolment create(
            String email, String displayName, PrincipalKind kind, Set<OfficeRole> roles, String actor) {
        if (kind == PrincipalKind.CITIZEN) {
            throw new IllegalArgumentException("citizens register themselves; create STAFF or OPERATOR accounts here");
        }
        if (kind == PrincipalKind.OPERATOR && !roles.isEmpty()) {
            throw new IllegalArgumentException("operators hold no office roles");
        }
        String mail = AccountStore.normalize(email);
        if (mail == null || !mail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("not an e-mail address: " + email);
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("a name is required");
        }
        String password = Secrets.password();
        String secret = Totp.newSecret(Secrets.random());
        AccountRecord account;
        try {
            account = core.accounts.create(
                    new AccountStore.NewAccount(
                            mail,
                            kind,
                            displayName.trim(),
                            core.hasher.hash(password.toCharArray()),
                            AccountInfo.Status.ACTIVE,
                            TrustLevel.SUBSTANTIAL,
                            secret,
                            true,
                            roles),
                    core.now());
        } catch (AccountStore.EmailTaken e) {
            throw new IllegalStateException(e.getMessage());
        }
        core.events.record(
                Type.STAFF_CREATED, account.id(), actor, null, Map.of("kind", kind.name(), "roles", roles.toString()));
        core.mailer.send(new Mail(
                mail,
                "Ihr Amtsgang-Konto / Your Amtsgang account",
                Texts.staffWelcome(
                        account.displayName(),
                        roles.stream()
                                .map(OfficeRole::officeId)
                                .distinct()
                                .sorted()
                                .toList()
                                .toString())));
        return new StaffEnrolment(account.info(), password, Totp.uri("Amtsgang", mail, secret));
    }

    @Override
    public AccountInfo setRoles(String accountId, Set<OfficeRole> roles, String actor) {
        AccountRecord before = staffAccount(accountId);
        if (before.kind() == PrincipalKind.OPERATOR && !roles.isEmpty()) {
            throw new IllegalArgumentException("operators hold no office roles");
        }
        AccountRecord after =
                core.accounts.update(accountId, core.now(), a -> a.roles(roles)).orElseThrow();
        // tokens carry the roles: the old ones must not outlive the change
        new Sessions(core).endAll(accountId);
        core.events.record(
                Type.ROLES_CHANGED,
                accountId,
                actor,
                null,
                Map.of(
                        "before",
                        before.officeRoles().toString(),
                        "after",
                        after.officeRoles().toString()));
        return after.info();
    }

    @Override
    public AccountInfo disable(String accountId, String actor) {
        return setStatus(accountId, AccountInfo.Status.DISABLED, Type.ACCOUNT_DISABLED, actor);
    }

    @Override
    public AccountInfo enable(String accountId, String actor) {
        return setStatus(accountId, AccountInfo.Status.ACTIVE, Type.ACCOUNT_ENABLED, actor);
    }

    private AccountInfo setStatus(String accountId, AccountInfo.Status status, Type event, String actor) {
        staffOrCitizen(accountId);
        AccountRecord after = core.accounts
                .update(accountId, core.now(), a -> a.status(status))
                .orElseThrow();
        boolean disabled = status == AccountInfo.Status.DISABLED;
        core.revocations.disabled(accountId, disabled);
        if (disabled) {
            new Sessions(core).endAll(accountId);
        }
        core.events.record(event, accountId, actor, null, Map.of());
        return after.info();
    }

    private AccountRecord staffAccount(String accountId) {
        AccountRecord account = staffOrCitizen(accountId);
        if (account.kind() == PrincipalKind.CITIZEN) {
            throw new IllegalArgumentException("citizens hold no office roles");
        }
        return account;
    }

    private AccountRecord staffOrCitizen(String accountId) {
        return core.accounts.byId(accountId).orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    }
}
