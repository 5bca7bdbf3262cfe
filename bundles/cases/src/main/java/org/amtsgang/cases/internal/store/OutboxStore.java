package org.amtsgang.cases.internal.store;

import java.util.List;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/** The outbox: changes whose audit entry or notification has not gone out yet. */
public final class OutboxStore {

    private final JpaTemplate jpa;

    public OutboxStore(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** Entries due for (another) attempt, oldest first. */
    public List<OutboxEntity> due(long now, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT o FROM OutboxEntity o WHERE o.nextAt <= :now ORDER BY o.nextAt, o.atMillis",
                        OutboxEntity.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Removes entries that went out completely. */
    public void remove(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jpa.tx(TransactionType.Required, em -> em.createQuery("DELETE FROM OutboxEntity o WHERE o.id IN :ids")
                .setParameter("ids", ids)
                .executeUpdate());
    }

    /** Records what went out of an entry so far and when to try the rest. */
    public void retryLater(String id, int done, int attempts, long nextAt) {
        jpa.tx(TransactionType.Required, em -> {
            OutboxEntity entry = em.find(OutboxEntity.class, id);
            if (entry != null) {
                entry.done = done;
                entry.attempts = attempts;
                entry.nextAt = nextAt;
            }
        });
    }

    /** Records that a delivery of an entry went out, with one statement. */
    public void markDone(String id, int delivery) {
        jpa.tx(TransactionType.Required, em -> em.createNativeQuery(
                        "UPDATE CASES_OUTBOX SET DONE = DONE + ? WHERE ID = ? AND MOD(DONE / ?, 2) = 0")
                .setParameter(1, delivery)
                .setParameter(2, id)
                .setParameter(3, delivery)
                .executeUpdate());
    }

    /** How many entries wait, for operators. */
    public long backlog() {
        return jpa.txExpr(
                TransactionType.Required, em -> em.createQuery("SELECT COUNT(o) FROM OutboxEntity o", Long.class)
                        .getSingleResult());
    }
}
