package org.amtsgang.identity.internal.store;

import java.util.UUID;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/**
 * One-time codes sent by e-mail (confirming the address, resetting the password). Stored as
 * hashes; a new code voids the earlier ones of the same purpose; a code survives only a few wrong
 * guesses.
 */
public final class CodeStore {

    /** What a code is for. */
    public enum Purpose {
        CONFIRM_EMAIL,
        RESET_PASSWORD
    }

    /** What checking a code found. */
    public enum Outcome {
        ACCEPTED,
        WRONG,
        EXPIRED_OR_UNKNOWN
    }

    private final JpaTemplate jpa;
    private final int maxAttempts;

    public CodeStore(JpaTemplate jpa, int maxAttempts) {
        this.jpa = jpa;
        this.maxAttempts = maxAttempts;
    }

    public void issue(String accountId, Purpose purpose, String codeHash, long expiresAt) {
        jpa.tx(TransactionType.Required, em -> {
            em.createQuery("DELETE FROM CodeEntity c WHERE c.accountId = :account AND c.purpose = :purpose")
                    .setParameter("account", accountId)
                    .setParameter("purpose", purpose.name())
                    .executeUpdate();
            CodeEntity c = new CodeEntity();
            c.id = UUID.randomUUID().toString();
            c.accountId = accountId;
            c.purpose = purpose.name();
            c.codeHash = codeHash;
            c.expiresAt = expiresAt;
            em.persist(c);
        });
    }

    /** Checks a code; an accepted code is used up, a wrong guess counts against the code. */
    public Outcome consume(String accountId, Purpose purpose, String codeHash, long now) {
        return jpa.txExpr(TransactionType.Required, em -> {
            CodeEntity c = em.createQuery(
                            "SELECT c FROM CodeEntity c WHERE c.accountId = :account AND c.purpose = :purpose"
                                    + " AND c.usedAt IS NULL",
                            CodeEntity.class)
                    .setParameter("account", accountId)
                    .setParameter("purpose", purpose.name())
                    .getResultStream()
                    .findFirst()
                    .orElse(null);
            if (c == null || c.expiresAt <= now || c.attempts >= maxAttempts) {
                return Outcome.EXPIRED_OR_UNKNOWN;
            }
            if (!java.security.MessageDigest.isEqual(c.codeHash.getBytes(), codeHash.getBytes())) {
                c.attempts++;
                return Outcome.WRONG;
            }
            c.usedAt = now;
            return Outcome.ACCEPTED;
        });
    }
}
