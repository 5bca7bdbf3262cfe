package org.amtsgang.payment.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import javax.persistence.TypedQuery;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/** The payment area's tables. Every method is one transaction. */
public final class PaymentStore {

    private final JpaTemplate jpa;

    public PaymentStore(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    /** The outcome of storing a new payment. */
    public record Inserted(PaymentEntity entity, boolean replayed) {}

    /** Another payment of the same case is still open. */
    public static final class OpenPaymentExists extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient PaymentEntity open;

        OpenPaymentExists(PaymentEntity open) {
            super("payment " + open.id + " is open");
            this.open = open;
        }

        public PaymentEntity open() {
            return open;
        }
    }

    /**
     * Stores a new payment with its first event, unless the payer's idempotency key was taken
     * meanwhile (then that payment is returned for the caller to compare).
     *
     * @throws OpenPaymentExists if the case has an unfinished payment
     */
    public Inserted insert(PaymentEntity fresh, EventEntity first) {
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                fresh.version = 1;
                em.persist(fresh);
                em.persist(first);
                return new Inserted(fresh, false);
            });
        } catch (PersistenceException e) {
            // a unique constraint let a parallel request win: the same key, or another open payment
            if (fresh.idempotencyKey != null) {
                Optional<PaymentEntity> winner = byKey(fresh.payer, fresh.idempotencyKey);
                if (winner.isPresent()) {
                    return new Inserted(winner.get(), true);
                }
            }
            Optional<PaymentEntity> open = openFor(fresh.caseId);
            if (open.isPresent()) {
                throw new OpenPaymentExists(open.get());
            }
            throw e;
        }
    }

    public Optional<PaymentEntity> find(String id) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(PaymentEntity.class, id)));
    }

    public Optional<PaymentEntity> byKey(String payer, String key) {
        return jpa.txExpr(TransactionType.Required, em -> byKey(em, payer, key));
    }

    private static Optional<PaymentEntity> byKey(EntityManager em, String payer, String key) {
        return unique(em.createQuery(
                        "SELECT p FROM PaymentEntity p WHERE p.payer = :payer AND p.idempotencyKey = :key",
                        PaymentEntity.class)
                .setParameter("payer", payer)
                .setParameter("key", key));
    }

    /** The case's unfinished payment, if any. */
    public Optional<PaymentEntity> openFor(String caseId) {
        return jpa.txExpr(
                TransactionType.Required,
                em -> unique(
                        em.createQuery("SELECT p FROM PaymentEntity p WHERE p.openCaseId = :case", PaymentEntity.class)
                                .setParameter("case", caseId)));
    }

    /** What a new payment is checked against: an earlier one under the key, and the case's payments. */
    public record Precheck(Optional<PaymentEntity> byKey, List<PaymentEntity> ofCase) {}

    /** Both lookups a new payment needs, in one transaction. */
    public Precheck precheck(String payer, String key, String caseId) {
        return jpa.txExpr(TransactionType.Required, em -> {
            Optional<PaymentEntity> earlier = key == null ? Optional.empty() : byKey(em, payer, key);
            if (earlier.isPresent()) {
                return new Precheck(earlier, List.of());
            }
            return new Precheck(
                    earlier,
                    em.createQuery("SELECT p FROM PaymentEntity p WHERE p.caseId = :case", PaymentEntity.class)
                            .setParameter("case", caseId)
                            .getResultList());
        });
    }

    /** What a change sees and may add to, inside its transaction. */
    public final class Tx {

        private final EntityManager em;
        /** Payments this transaction holds the row lock of (each was read locked). */
        private final Set<String> locked = new HashSet<>();
        /** Cases of the payments whose change in this transaction is done (it may have written). */
        private final Set<String> casesChanged = new HashSet<>();

        Tx(EntityManager em) {
            this.em = em;
        }

        /**
         * The payment, under its row lock. Read from the database the first time (nothing of it
         * waits to be written then, so nothing is flushed first); a payment this transaction locked
         * already is the instance it holds, with the changes made to it so far.
         */
        PaymentEntity lock(String paymentId) {
            if (locked.contains(paymentId)) {
                return em.find(PaymentEntity.class, paymentId);
            }
            List<PaymentEntity> found = em.createNamedQuery(PaymentEntity.LOCK, PaymentEntity.class)
                    .setParameter("id", paymentId)
                    .getResultList();
            if (found.isEmpty()) {
                return null;
            }
            locked.add(paymentId);
            return found.get(0);
        }

        /** A change of the payment is done: later reads of its case must see what it did. */
        void changed(PaymentEntity p) {
            casesChanged.add(p.caseId);
        }

        /**
         * Records a provider notification as applied; false if it was applied before (a repeat).
         */
        public boolean firstTime(String provider, String eventId, String paymentId, String outcome) {
            String key = NotificationEntity.key(provider, eventId);
            if (em.find(NotificationEntity.class, key) != null) {
                return false;
            }
            NotificationEntity n = new NotificationEntity();
            n.id = key;
            n.paymentId = paymentId;
            n.outcome = outcome;
            n.receivedAt = System.currentTimeMillis();
            em.persist(n);
            return true;
        }

        public void persist(Object entity) {
            em.persist(entity);
        }

        public Optional<RefundEntity> pendingRefund(String paymentId) {
            return first(em.createQuery(
                            "SELECT r FROM RefundEntity r WHERE r.paymentId = :payment AND r.succeeded = 0",
                            RefundEntity.class)
                    .setParameter("payment", paymentId));
        }

        public RefundEntity refund(String refundId) {
            return em.find(RefundEntity.class, refundId);
        }

        /**
         * Another payment of the case that paid its fee and keeps (some of) the money, if there is
         * one. The case's other payments are locked, whatever their state: two successes of one case
         * committing at the same time then wait for each other (or one is rolled back as a deadlock
         * and applied again), instead of both missing the other under READ COMMITTED.
         */
        public Optional<PaymentEntity> otherKeptPayment(String caseId, String paymentId) {
            if (casesChanged.contains(caseId)) {
                // an earlier change of this transaction was to a payment of the case (two
                // notifications of one case in a group): the query must see what it wrote. Otherwise
                // nothing of the case waits to be written, and flushing here (JPA's default) only
                // made each notification of a group write the group's earlier ones out one by one.
                em.flush();
            }
            List<PaymentEntity> others = em.createNamedQuery(PaymentEntity.LOCK_OTHERS_OF_CASE, PaymentEntity.class)
                    .setParameter("case", caseId)
                    .setParameter("id", paymentId)
                    .getResultList();
            others.forEach(o -> locked.add(o.id));
            return others.stream().filter(this::keeps).findFirst();
        }

        /** Paid and not being paid back in full. */
        private boolean keeps(PaymentEntity p) {
            return switch (p.state) {
                case "SUCCEEDED", "PARTIALLY_REFUNDED" -> true;
                case "REFUND_PENDING" -> pendingRefund(p.id)
                        .map(r -> r.amountCents < p.amountCents - p.refundedCents)
                        .orElse(true);
                default -> false;
            };
        }
    }

    /**
     * Changes a payment while holding its row lock, so that parallel notifications for one payment
     * take their turns; the change may add events, bookings and the like through {@link Tx}.
     *
     * @return empty if there is no such payment
     */
    public <T> Optional<T> change(String paymentId, BiFunction<PaymentEntity, Tx, T> change) {
        return changeEach(List.of(paymentId), (index, p, tx) -> change.apply(p, tx))
                .get(0);
    }

    /** A change of one payment among several in one transaction. */
    @FunctionalInterface
    public interface EachChange<T> {
        /**
         * @param index the payment's place in the list
         */
        T apply(int index, PaymentEntity payment, Tx tx);
    }

    /**
     * Changes several payments in one transaction, one after the other, each under its row lock,
     * taken in the order of the list (callers sort it, so that two such transactions never wait
     * for each other crosswise). A payment may be in the list twice: the second change sees the
     * first.
     *
     * @return per payment of the list what its change answered, or empty if there is no such payment
     */
    public <T> List<Optional<T>> changeEach(List<String> paymentIds, EachChange<T> change) {
        return jpa.txExpr(TransactionType.Required, em -> {
            Tx tx = new Tx(em);
            List<Optional<T>> answers = new ArrayList<>(paymentIds.size());
            for (int i = 0; i < paymentIds.size(); i++) {
                PaymentEntity p = tx.lock(paymentIds.get(i));
                if (p == null) {
                    answers.add(Optional.empty());
                    continue;
                }
                // the fields a change sets are written at commit, and the version rises with them
                answers.add(Optional.ofNullable(change.apply(i, p, tx)));
                tx.changed(p);
            }
            return answers;
        });
    }

    public List<EventEntity> events(String paymentId) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT e FROM EventEntity e WHERE e.paymentId = :payment ORDER BY e.atMillis, e.id",
                        EventEntity.class)
                .setParameter("payment", paymentId)
                .getResultList());
    }

    public List<PaymentEntity> ofPayer(String payer, int offset, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT p FROM PaymentEntity p WHERE p.payer = :payer ORDER BY p.createdAt DESC, p.id",
                        PaymentEntity.class)
                .setParameter("payer", payer)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
    }

    public long countOfPayer(String payer) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT COUNT(p) FROM PaymentEntity p WHERE p.payer = :payer", Long.class)
                .setParameter("payer", payer)
                .getSingleResult());
    }

    /** A search over payments; every filter may be null. */
    public record Search(
            String officeId,
            String state,
            String provider,
            String caseId,
            Long fromMillis,
            Long toMillis,
            int offset,
            int limit) {}

    public List<PaymentEntity> search(Search s) {
        return jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<PaymentEntity> q = em.createQuery(
                    "SELECT p FROM PaymentEntity p" + where(s) + " ORDER BY p.createdAt DESC, p.id",
                    PaymentEntity.class);
            bind(q, s);
            return q.setFirstResult(s.offset()).setMaxResults(s.limit()).getResultList();
        });
    }

    public long count(Search s) {
        return jpa.txExpr(TransactionType.Required, em -> {
            TypedQuery<Long> q = em.createQuery("SELECT COUNT(p) FROM PaymentEntity p" + where(s), Long.class);
            bind(q, s);
            return q.getSingleResult();
        });
    }

    private static String where(Search s) {
        List<String> terms = new ArrayList<>();
        if (s.officeId() != null) {
            terms.add("p.officeId = :office");
        }
        if (s.state() != null) {
            terms.add("p.state = :state");
        }
        if (s.provider() != null) {
            terms.add("p.provider = :provider");
        }
        if (s.caseId() != null) {
            terms.add("p.caseId = :case");
        }
        if (s.fromMillis() != null) {
            terms.add("p.createdAt >= :from");
        }
        if (s.toMillis() != null) {
            terms.add("p.createdAt < :to");
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static void bind(TypedQuery<?> q, Search s) {
        if (s.officeId() != null) {
            q.setParameter("office", s.officeId());
        }
        if (s.state() != null) {
            q.setParameter("state", s.state());
        }
        if (s.provider() != null) {
            q.setParameter("provider", s.provider());
        }
        if (s.caseId() != null) {
            q.setParameter("case", s.caseId());
        }
        if (s.fromMillis() != null) {
            q.setParameter("from", s.fromMillis());
        }
        if (s.toMillis() != null) {
            q.setParameter("to", s.toMillis());
        }
    }

    /** A payment to look at, and where the next page of candidates starts. */
    public record Candidate(String id, long createdAt) {}

    /**
     * Payments in one of the states created in [after, before), oldest first, from the cursor on
     * (exclusive), so that callers page through all of them, not only the oldest.
     */
    public List<Candidate> candidates(
            List<String> states, long createdAfter, long createdBefore, Candidate from, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em
                .createQuery(
                        "SELECT p.id, p.createdAt FROM PaymentEntity p WHERE p.state IN :states AND p.createdAt < :before"
                                + " AND (p.createdAt > :fromAt OR (p.createdAt = :fromAt AND p.id > :fromId))"
                                + " ORDER BY p.createdAt, p.id",
                        Object[].class)
                .setParameter("states", states)
                .setParameter("before", createdBefore)
                .setParameter("fromAt", from == null ? createdAfter - 1 : from.createdAt())
                .setParameter("fromId", from == null ? "" : from.id())
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(row -> new Candidate((String) row[0], ((Number) row[1]).longValue()))
                .toList());
    }

    /** Ids of payments with a refund the provider has not completed. */
    public List<String> withPendingRefunds(int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT DISTINCT r.paymentId FROM RefundEntity r WHERE r.succeeded = 0", String.class)
                .setMaxResults(limit)
                .getResultList());
    }

    public List<RefundEntity> refunds(String paymentId) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT r FROM RefundEntity r WHERE r.paymentId = :payment ORDER BY r.atMillis",
                        RefundEntity.class)
                .setParameter("payment", paymentId)
                .getResultList());
    }

    /** The bookings of a time range, in the order booked. */
    public List<BookingEntity> bookings(long fromMillis, long toMillis) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT b FROM BookingEntity b WHERE b.bookedAt >= :from AND b.bookedAt < :to"
                                + " ORDER BY b.bookedAt, b.id",
                        BookingEntity.class)
                .setParameter("from", fromMillis)
                .setParameter("to", toMillis)
                .getResultList());
    }

    /** Ids of payments in one of the states whose receipt is not filed yet, oldest first. */
    public List<String> withoutReceipt(Collection<String> states, int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT p.id FROM PaymentEntity p WHERE p.receiptDocumentId IS NULL AND p.state IN :states"
                                + " ORDER BY p.createdAt",
                        String.class)
                .setParameter("states", states)
                .setMaxResults(limit)
                .getResultList());
    }

    /** Paid fees the case area has not been told of (in no order: each is told on its own). */
    public List<CaseTodoEntity> caseTodos(int limit) {
        return jpa.txExpr(
                TransactionType.Required, em -> em.createQuery("SELECT t FROM CaseTodoEntity t", CaseTodoEntity.class)
                        .setMaxResults(limit)
                        .getResultList());
    }

    /**
     * Deletes the notes of payments the case area was told of, in one transaction. One key at a
     * time: Derby answers {@code IN} with a list of parameters by scanning the whole table.
     */
    public void caseTold(Collection<String> paymentIds) {
        if (paymentIds.isEmpty()) {
            return;
        }
        jpa.tx(TransactionType.Required, em -> {
            for (String id : paymentIds) {
                em.createQuery("DELETE FROM CaseTodoEntity t WHERE t.paymentId = :id")
                        .setParameter("id", id)
                        .executeUpdate();
            }
        });
    }

    /**
     * The one row a query over a unique constraint finds, if any. Without {@code setMaxResults}: on
     * Derby, EclipseLink writes a row limit into the SQL and so builds the statement anew for every
     * execution, which cost a new payment about 5 % of its CPU.
     */
    private static <T> Optional<T> unique(TypedQuery<T> query) {
        List<T> found = query.getResultList();
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static <T> Optional<T> first(TypedQuery<T> query) {
        return unique(query.setMaxResults(1));
    }
}
