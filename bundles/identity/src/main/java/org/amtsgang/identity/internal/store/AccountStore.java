package org.amtsgang.identity.internal.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.TrustLevel;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * Accounts in the database. Every method is one short transaction; e-mail addresses are stored
 * in lower case so that one address is one account.
 */
public final class AccountStore {

    private final JpaTemplate jpa;

    public AccountStore(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** A new account's data. */
    public record NewAccount(
            String email,
            PrincipalKind kind,
            String displayName,
            String passwordHash,
            AccountInfo.Status status,
            TrustLevel trustLevel,
            String totpSecret,
            boolean mustChangePassword,
            java.util.Set<OfficeRole> roles) {}

    /** The address is taken by another account. */
    public static final class EmailTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EmailTaken(String email) {
            super("The e-mail address " + email + " belongs to another account.");
        }
    }

    public Optional<AccountRecord> byEmail(String email) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT a FROM AccountEntity a WHERE a.email = :email", AccountEntity.class)
                .setParameter("email", normalize(email))
                .getResultStream()
                .findFirst()
                .map(AccountRecord::of));
    }

    public Optional<AccountRecord> byId(String id) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(AccountEntity.class, id))
                .map(AccountRecord::of));
    }

    public AccountRecord create(NewAccount account, long now) {
        String email = normalize(account.email());
        return jpa.txExpr(TransactionType.Required, em -> {
            if (exists(em, email)) {
                throw new EmailTaken(email);
            }
            AccountEntity e = new AccountEntity();
            e.id = UUID.randomUUID().toString();
            e.email = email;
            e.kind = account.kind().name();
            e.displayName = account.displayName();
            e.passwordHash = account.passwordHash();
            e.status = account.status().name();
            e.trustLevel = account.trustLevel().name();
            e.totpSecret = account.totpSecret();
            e.mustChangePassword = account.mustChangePassword();
            e.officeRoles = account.roles().stream().map(OfficeRole::toString).collect(Collectors.toSet());
            e.createdAt = now;
            e.updatedAt = now;
            em.persist(e);
            em.flush();
            return AccountRecord.of(e);
        });
    }

    /** Changes the account in one transaction; empty if it does not exist. */
    public Optional<AccountRecord> update(String id, long now, Consumer<Mutable> change) {
        return jpa.txExpr(TransactionType.Required, em -> {
            AccountEntity e = em.find(AccountEntity.class, id);
            if (e == null) {
                return Optional.empty();
            }
            change.accept(new Mutable(e));
            e.updatedAt = now;
            em.flush();
            return Optional.of(AccountRecord.of(e));
        });
    }

    /** Staff (and operators) holding a role in the office, or all staff when {@code officeId} is null. */
    public List<AccountRecord> staff(String officeId) {
        return jpa.txExpr(TransactionType.Required, em -> em
                .createQuery(
                        "SELECT a FROM AccountEntity a WHERE a.kind <> :citizen ORDER BY a.email", AccountEntity.class)
                .setParameter("citizen", PrincipalKind.CITIZEN.name())
                .getResultList()
                .stream()
                .map(AccountRecord::of)
                .filter(a -> officeId == null
                        || a.officeRoles().stream().anyMatch(r -> r.officeId().equals(officeId)))
                .toList());
    }

    /** Ids of accounts that may not log in, for the authenticator to refuse their tokens. */
    public List<String> disabledIds() {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT a.id FROM AccountEntity a WHERE a.status = :disabled", String.class)
                .setParameter("disabled", AccountInfo.Status.DISABLED.name())
                .getResultList());
    }

    public long count() {
        return jpa.txExpr(
                TransactionType.Required, em -> em.createQuery("SELECT COUNT(a) FROM AccountEntity a", Long.class)
                        .getSingleResult());
    }

    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean exists(EntityManager em, String email) {
        return !em.createQuery("SELECT a.id FROM AccountEntity a WHERE a.email = :email", String.class)
                .setParameter("email", email)
                .getResultList()
                .isEmpty();
    }

    /** The fields an update may change. */
    public static final class Mutable {
        private final AccountEntity e;

        Mutable(AccountEntity e) {
            this.e = e;
        }

        public void passwordHash(String hash, boolean mustChange) {
            e.passwordHash = hash;
            e.mustChangePassword = mustChange;
        }

        public void status(AccountInfo.Status status) {
            e.status = status.name();
        }

        public void roles(java.util.Set<OfficeRole> roles) {
            e.officeRoles.clear();
            roles.forEach(r -> e.officeRoles.add(r.toString()));
        }

        public void totpLastStep(long step) {
            e.totpLastStep = step;
        }

        public void displayName(String name) {
            e.displayName = name;
        }

        /** Voids every token issued before now. */
        public void endSessions(long now) {
            e.tokensValidFrom = now;
        }
    }
}
