package org.amtsgang.payment.sandbox.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.persistence.EntityManager;
import javax.persistence.OptimisticLockException;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.api.spi.ProviderRequest;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;

/** The sandbox's tables: sessions and the refunds taken on them. Each call is one transaction. */
final class SessionStore {

    /** Concurrent refunds on one session are rare: a few rounds settle them. */
    private static final int REFUND_ATTEMPTS = 3;

    private final JpaTemplate jpa;
    private final Clock clock;

    SessionStore(JpaTemplate jpa, Clock clock) {
        this.jpa = jpa;
        this.clock = clock;
    }

    /**
     * Opens a session for a payment, or returns the one opened for it before. The common case is a
     * single insert: the unique payment id finds the earlier session only when it exists, so that
     * starting a payment costs one round trip.
     */
    Session open(ProviderRequest request, String reference) {
        SessionEntity fresh = new SessionEntity();
        fresh.reference = reference;
        fresh.paymentId = request.paymentId();
        fresh.amountCents = request.amountCents();
        fresh.purpose = request.purpose();
        fresh.method = request.method();
        fresh.returnUrl = request.returnUrl();
        fresh.outcome = ProviderOutcome.OPEN.name();
        fresh.createdAt = clock.millis();
        fresh.updatedAt = fresh.createdAt;
        try {
            jpa.tx(TransactionType.Required, em -> em.persist(fresh));
            return Session.of(fresh);
        } catch (RuntimeException e) {
            if (constraintViolated(e)) {
                Optional<Session> earlier = byPayment(request.paymentId());
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            throw e;
        }
    }

    Optional<Session> find(String reference) {
        return jpa.txExpr(TransactionType.Required, em -> Optional.ofNullable(em.find(SessionEntity.class, reference))
                .map(Session::of));
    }

    Optional<Session> byPayment(String paymentId) {
        return jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                        "SELECT s FROM SessionEntity s WHERE s.paymentId = :payment", SessionEntity.class)
                .setParameter("payment", paymentId)
                .getResultStream()
                .findFirst()
                .map(Session::of));
    }

    /**
     * Records the payer's choice, or empty if there is no such session.
     *
     * @param method the method used, or {@code null} to keep the one chosen before
     * @throws SessionConflictException if the session no longer allows it, also when a parallel
     *     choice won
     */
    Optional<Session> decide(String reference, ProviderOutcome to, String method) {
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                SessionEntity session = em.find(SessionEntity.class, reference);
                if (session == null) {
                    return Optional.<Session>empty();
                }
                ProviderOutcome from = ProviderOutcome.valueOf(session.outcome);
                if (!Outcomes.allowed(from, to)) {
                    throw new SessionConflictException(
                            "Session " + reference + " is " + from + " and cannot become " + to + ".");
                }
                session.outcome = to.name();
                if (method != null) {
                    session.method = method;
                }
                session.updatedAt = Math.max(clock.millis(), session.updatedAt);
                em.flush(); // raises the version, or fails if a parallel choice won
                return Optional.of(Session.of(session));
            });
        } catch (RuntimeException e) {
            if (optimisticLockFailed(e)) {
                throw new SessionConflictException(
                        "Session " + reference + " was decided by another request in the meantime.");
            }
            throw e;
        }
    }

    /**
     * Pays back part of a paid session; a refund id seen before pays back nothing.
     *
     * @throws IllegalArgumentException for an unknown session, an amount not positive or more than
     *     is left, or a refund id reused for a different refund
     * @throws IllegalStateException if the session is not paid
     */
    void refund(String reference, String refundId, long amountCents) {
        for (int attempt = 1; ; attempt++) {
            try {
                jpa.tx(TransactionType.Required, em -> refundOnce(em, reference, refundId, amountCents));
                return;
            } catch (RuntimeException e) {
                if (constraintViolated(e)) {
                    // the same refund id raced in from a parallel call: the repeat is answered as done
                    jpa.tx(TransactionType.Required, em -> {
                        if (!repeated(em, reference, refundId, amountCents)) {
                            throw e;
                        }
                    });
                    return;
                }
                if (!optimisticLockFailed(e) || attempt == REFUND_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void refundOnce(EntityManager em, String reference, String refundId, long amountCents) {
        if (repeated(em, reference, refundId, amountCents)) {
            return;
        }
        if (amountCents <= 0) {
            throw new IllegalArgumentException("A refund must be more than 0 cents, was " + amountCents + ".");
        }
        SessionEntity session = em.find(SessionEntity.class, reference);
        if (session == null) {
            throw new IllegalArgumentException("There is no session " + reference + ".");
        }
        if (!ProviderOutcome.SUCCEEDED.name().equals(session.outcome)) {
            throw new IllegalStateException(
                    "Session " + reference + " is " + session.outcome + ": only a paid session can be refunded.");
        }
        long left = session.amountCents - session.refundedCents;
        if (amountCents > left) {
            throw new IllegalArgumentException(
                    "Refund of " + amountCents + " cents exceeds the " + left + " cents left on " + reference + ".");
        }
        session.refundedCents += amountCents;
        session.updatedAt = Math.max(clock.millis(), session.updatedAt);
        RefundEntity refund = new RefundEntity();
        refund.refundId = refundId;
        refund.reference = reference;
        refund.amountCents = amountCents;
        refund.createdAt = session.updatedAt;
        em.persist(refund);
        em.flush(); // the session's version guards "left" against a parallel refund
    }

    /** Whether the refund was taken before; the same id for a different refund is the caller's bug. */
    private static boolean repeated(EntityManager em, String reference, String refundId, long amountCents) {
        RefundEntity earlier = em.find(RefundEntity.class, refundId);
        if (earlier == null) {
            return false;
        }
        if (!earlier.reference.equals(reference) || earlier.amountCents != amountCents) {
            throw new IllegalArgumentException("Refund id " + refundId + " was used before for " + earlier.amountCents
                    + " cents on " + earlier.reference + ".");
        }
        return true;
    }

    private static boolean optimisticLockFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private static boolean constraintViolated(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // SQL state class 23: integrity constraint violation, in Derby and PostgreSQL alike
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
