package org.amtsgang.identity.internal.store;

import java.util.Optional;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/** Which account an identity at an external provider (issuer, subject) belongs to. */
public final class FederationStore {

    private final JpaTemplate jpa;

    public FederationStore(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    public Optional<String> accountOf(String issuer, String subject) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(
                        em.find(FederatedEntity.class, key(issuer, subject)))
                .map(f -> f.accountId));
    }

    public void link(String issuer, String subject, String accountId, long now) {
        jpa.tx(TransactionType.Required, em -> {
            if (em.find(FederatedEntity.class, key(issuer, subject)) == null) {
                FederatedEntity f = new FederatedEntity();
                f.id = key(issuer, subject);
                f.issuer = issuer;
                f.subject = subject;
                f.accountId = accountId;
                f.createdAt = now;
                em.persist(f);
            }
        });
    }

    private static String key(String issuer, String subject) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((issuer + "\n" + subject).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
