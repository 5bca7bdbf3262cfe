package org.amtsgang.identity.internal.store;

import java.util.Optional;
import java.util.UUID;
import org.amtsgang.identity.api.TrustLevel;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/** Refresh tokens, by the hash of their value. */
public final class TokenStore {

    private final JpaTemplate jpa;

    public TokenStore(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** What rotating a refresh token found. */
    public sealed interface Rotation {
        /** The token was current: here is what it belonged to; a new one has replaced it. */
        record Rotated(String accountId, TrustLevel trustLevel) implements Rotation {}

        /** The token was already used or revoked: its family is revoked now. */
        record Reused(String accountId) implements Rotation {}

        /** No such token, or it expired. */
        record Invalid() implements Rotation {}
    }

    /** Stores a new token starting a family (a login). */
    public void start(String accountId, String tokenHash, TrustLevel level, long now, long expiresAt) {
        jpa.tx(
                TransactionType.Required,
                em -> em.persist(entity(accountId, tokenHash, UUID.randomUUID().toString(), level, now, expiresAt)));
    }

    /**
     * Replaces a current token by a new one of the same family, in one transaction; revokes the
     * family if the token had been used before.
     */
    public Rotation rotate(String tokenHash, String newTokenHash, long now, long expiresAt) {
        return jpa.txExpr(TransactionType.Required, em -> {
            RefreshTokenEntity old = find(em, tokenHash).orElse(null);
            if (old == null || old.expiresAt <= now) {
                return new Rotation.Invalid();
            }
            if (old.revokedAt != null) {
                revokeFamily(em, old.familyId, now);
                return new Rotation.Reused(old.accountId);
            }
            old.revokedAt = now;
            em.persist(entity(
                    old.accountId, newTokenHash, old.familyId, TrustLevel.valueOf(old.trustLevel), now, expiresAt));
            return new Rotation.Rotated(old.accountId, TrustLevel.valueOf(old.trustLevel));
        });
    }

    /** Ends the session the token belongs to (logout); true if there was one. */
    public boolean revoke(String tokenHash, long now) {
        return jpa.txExpr(TransactionType.Required, em -> find(em, tokenHash)
                .map(t -> {
                    revokeFamily(em, t.familyId, now);
                    return true;
                })
                .orElse(false));
    }

    /** Ends every session of the account (password change, disabling). */
    public void revokeAll(String accountId, long now) {
        jpa.tx(TransactionType.Required, em -> em.createQuery(
                        "UPDATE RefreshTokenEntity t SET t.revokedAt = :now WHERE t.accountId = :account AND t.revokedAt IS NULL")
                .setParameter("now", now)
                .setParameter("account", accountId)
                .executeUpdate());
    }

    private static Optional<RefreshTokenEntity> find(javax.persistence.EntityManager em, String tokenHash) {
        return em.createQuery("SELECT t FROM RefreshTokenEntity t WHERE t.tokenHash = :hash", RefreshTokenEntity.class)
                .setParameter("hash", tokenHash)
                .getResultStream()
                .findFirst();
    }

    private static void revokeFamily(javax.persistence.EntityManager em, String familyId, long now) {
        em.createQuery(
                        "UPDATE RefreshTokenEntity t SET t.revokedAt = :now WHERE t.familyId = :family AND t.revokedAt IS NULL")
                .setParameter("now", now)
                .setParameter("family", familyId)
                .executeUpdate();
    }

    private static RefreshTokenEntity entity(
            String accountId, String tokenHash, String familyId, TrustLevel level, long now, long expiresAt) {
        RefreshTokenEntity t = new RefreshTokenEntity();
        t.id = UUID.randomUUID().toString();
        t.accountId = accountId;
        t.tokenHash = tokenHash;
        t.familyId = familyId;
        t.trustLevel = level.name();
        t.createdAt = now;
        t.expiresAt = expiresAt;
        return t;
    }
}
