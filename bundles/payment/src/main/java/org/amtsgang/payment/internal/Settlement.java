package org.amtsgang.payment.internal;

import static org.amtsgang.payment.api.PaymentException.Reason.BAD_SIGNATURE;
import static org.amtsgang.payment.api.PaymentException.Reason.NOT_FOUND;
import static org.amtsgang.payment.api.PaymentException.Reason.UNAVAILABLE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.amtsgang.payment.api.PaymentException;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.dto.PaymentView;
import org.amtsgang.payment.api.dto.ReconcileReport;
import org.amtsgang.payment.api.spi.InvalidNotificationException;
import org.amtsgang.payment.api.spi.PaymentProvider;
import org.amtsgang.payment.api.spi.ProviderNotification;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.api.spi.ProviderStatus;
import org.amtsgang.payment.internal.Transitions.Move;
import org.amtsgang.payment.internal.Transitions.Verdict;
import org.amtsgang.payment.internal.store.CaseTodoEntity;
import org.amtsgang.payment.internal.store.PaymentEntity;
import org.amtsgang.payment.internal.store.PaymentStore;
import org.amtsgang.payment.internal.store.RefundEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what providers say: signed notifications, answers to reconciliation, and the expiry of
 * payments nobody finished. Every change happens under the payment's row lock together with its
 * event, its booking and the note for the case area, so that a crash leaves all or nothing.
 */
final class Settlement {

    /** Not finished yet. */
    static final List<String> OPEN_STATES = states(s -> !s.finished());
    /** Finished without money, but a provider may still confirm a late success. */
    static final List<String> RECOVERABLE_STATES = states(s -> s.finished() && !s.paid());

    private static final int BATCH = 500;

    /**
     * Notifications are applied in up to four groups at a time of up to 16 each. A transaction per
     * notification spent an eighth of the callback benchmark's CPU on opening and committing
     * transactions; four groups keep both cores busy while one waits for its commit.
     */
    private static final int GROUP_LANES = 4;

    private static final int MAX_GROUP = 16;

    /** The order in which payments are swept: oldest first, as {@link PaymentStore#candidates} pages. */
    private static final Comparator<PaymentStore.Candidate> ORDER =
            Comparator.comparingLong(PaymentStore.Candidate::createdAt).thenComparing(PaymentStore.Candidate::id);

    private final Logger logger = LoggerFactory.getLogger(Settlement.class);
    private final PaymentStore store;
    private final Providers providers;
    private final Runnable paid;
    private final int maxPerRun;
    /** Where the last run stopped in each list: the next run goes on from there. */
    private final AtomicReference<PaymentStore.Candidate> openCursor = new AtomicReference<>();

    private final AtomicReference<PaymentStore.Candidate> recoverableCursor = new AtomicReference<>();
    /** Notifications arriving at the same time, applied in groups (see {@link #applyGroup}). */
    private final Groups<Delivery, PaymentView> groups;

    /** A verified notification of a provider. */
    private record Delivery(String providerId, ProviderNotification notification) {}

    /**
     * @param paid told after a payment of a case waiting for its fee succeeded
     * @param maxPerRun how many payments one reconciliation run asks the providers about at most
     */
    Settlement(PaymentStore store, Providers providers, Runnable paid, int maxPerRun) {
        this.store = store;
        this.providers = providers;
        this.paid = paid;
        this.maxPerRun = Math.max(2, maxPerRun);
        this.groups = new Groups<>(GROUP_LANES, MAX_GROUP, this::applyGroup);
    }

    /** A notification as it arrived from a provider. */
    PaymentView notified(String providerId, byte[] body, Map<String, String> headers) {
        PaymentProvider provider = providers
                .get(providerId)
                .orElseThrow(() -> new PaymentException(
                        UNAVAILABLE, "The payment provider '" + providerId + "' is not available; try again later."));
        ProviderNotification n;
        try {
            n = provider.verify(body, headers);
        } catch (InvalidNotificationException e) {
            // a forged or garbled notification: worth an operator's look, and never applied
            logger.warn("Refused a notification for provider {}: {}", providerId, e.getMessage());
            throw new PaymentException(BAD_SIGNATURE, "The notification's signature does not verify.");
        }
        if (!PaymentIds.plausible(n.paymentId())) {
            throw unknown(n.paymentId());
        }
        // a success after a failure counts only when the provider confirms it; the provider is asked
        // outside the row lock, then the notification is applied with its answer
        PaymentView now = groups.run(n.paymentId(), new Delivery(providerId, n));
        if (now == null) {
            PaymentEntity seen = store.find(n.paymentId()).orElseThrow(() -> unknown(n.paymentId()));
            Optional<ProviderStatus> truth = ask(provider, seen);
            now = applyOnce(providerId, n, truth.map(ProviderStatus::outcome).orElse(ProviderOutcome.OPEN));
        }
        afterCommit(now.state());
        return now;
    }

    /**
     * Applies a group of notifications in one transaction, in the order of their payments. If the
     * transaction fails as a whole (a deadlock with another writer, a parallel delivery that won a
     * unique key), each is applied again on its own, so that one notification's trouble is never
     * another's.
     *
     * @return per notification the payment now, null if the provider must be asked first, or the
     *     problem its sender gets
     */
    private List<Groups.Outcome<PaymentView>> applyGroup(List<Delivery> group) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> group.get(i).notification().paymentId()));
        List<Groups.Outcome<PaymentView>> outcomes = new ArrayList<>(Collections.nCopies(group.size(), null));
        try {
            List<Optional<Groups.Outcome<PaymentView>>> answers = store.changeEach(
                    order.stream()
                            .map(i -> group.get(i).notification().paymentId())
                            .toList(),
                    (k, p, tx) -> {
                        Delivery d = group.get(order.get(k));
                        try {
                            return Groups.Outcome.of(decide(p, tx, d.providerId(), d.notification(), null)
                                    .orElse(null));
                        } catch (PaymentException refused) { // thrown before it wrote anything
                            return Groups.Outcome.failed(refused);
                        }
                    });
            for (int k = 0; k < order.size(); k++) {
                String id = group.get(order.get(k)).notification().paymentId();
                outcomes.set(order.get(k), answers.get(k).orElseGet(() -> Groups.Outcome.failed(unknown(id))));
            }
            return outcomes;
        } catch (RuntimeException groupFailed) {
            logger.debug("A group of {} notifications failed; applying each on its own", group.size(), groupFailed);
            return group.stream()
                    .map(d -> {
                        try {
                            return Groups.Outcome.of(applyOnce(d.providerId(), d.notification(), null));
                        } catch (RuntimeException e) {
                            return Groups.Outcome.<PaymentView>failed(e);
                        }
                    })
                    .toList();
        }
    }

    /**
     * Applies a notification; if a parallel delivery of the same event won a unique key first, the
     * second attempt finds it recorded and answers it as the repeat it is.
     */
    private PaymentView applyOnce(String providerId, ProviderNotification n, ProviderOutcome confirmed) {
        try {
            return apply(providerId, n, confirmed);
        } catch (javax.persistence.PersistenceException raced) {
            logger.debug("Notification {} raced a parallel delivery; applying it again", n.eventId(), raced);
            return apply(providerId, n, confirmed);
        }
    }

    /**
     * Applies a verified notification under the payment's row lock.
     *
     * @param confirmed what the provider answered when asked, or null if not asked yet
     * @return the payment now, or null if the provider must be asked first
     */
    private PaymentView apply(String providerId, ProviderNotification n, ProviderOutcome confirmed) {
        return store.change(n.paymentId(), (p, tx) -> decide(p, tx, providerId, n, confirmed))
                .orElseThrow(() -> unknown(n.paymentId()))
                .orElse(null);
    }

    /**
     * What a verified notification does to the payment, decided and recorded under its row lock.
     *
     * @return the payment now, or empty if the provider must be asked first (nothing recorded then)
     * @throws PaymentException before anything is recorded, if the payment is not the provider's
     */
    private Optional<PaymentView> decide(
            PaymentEntity p, PaymentStore.Tx tx, String providerId, ProviderNotification n, ProviderOutcome confirmed) {
        if (!p.provider.equals(providerId) || (p.providerRef != null && !p.providerRef.equals(n.reference()))) {
            logger.warn(
                    "Provider {} notified about payment {} under a reference that is not its own", providerId, p.id);
            throw unknown(n.paymentId());
        }
        PaymentState current = PaymentState.valueOf(p.state);
        Move move = Transitions.of(current, n.outcome(), false);
        if (move.verdict() == Verdict.CONFIRM_FIRST) {
            if (confirmed == null) {
                return Optional.<PaymentView>empty(); // nothing recorded: asked first, then applied again
            }
            move = confirmed == ProviderOutcome.SUCCEEDED
                    ? Transitions.of(current, confirmed, true)
                    : Move.ignore("a success after " + current + " the provider did not confirm");
        }
        if (!tx.firstTime(providerId, n.eventId(), p.id, n.outcome().name())) {
            return Optional.of(Views.of(p)); // a repeat: changes nothing
        }
        if (move.verdict() == Verdict.APPLY
                && move.to() == PaymentState.SUCCEEDED
                && n.amountCents() != p.amountCents) {
            logger.error(
                    "Provider {} reports payment {} paid with {} cents instead of {}; left for a person",
                    providerId,
                    p.id,
                    n.amountCents(),
                    p.amountCents);
            move = Move.ignore("paid amount " + n.amountCents() + " differs from " + p.amountCents);
        }
        record(p, tx, move, "NOTIFIED", "provider:" + providerId, "event " + n.eventId(), n.method());
        return Optional.of(Views.of(p));
    }

    /** A success may have left a note for the case area: have it delivered now, not at the next poll. */
    private void afterCommit(PaymentState state) {
        if (state == PaymentState.SUCCEEDED) {
            paid.run();
        }
    }

    /**
     * Asks the providers about unfinished payments (or one payment) and applies their answers. A run
     * asks about {@code maxPerRun} payments at most, half of them at least from the open ones and the
     * rest from the recently failed; the next run goes on where it stopped. Without the cap, a storm
     * of payments nobody finished yet (tens of thousands in the payment benchmark) had every run ask
     * about each of them again, one run after the other, taking the CPU from the requests; a
     * provider's API would refuse such a flood as well.
     */
    ReconcileReport reconcile(String paymentId, long openBefore, long recoverableSince) {
        int[] counts = new int[3]; // checked, changed, unreachable
        if (paymentId != null) {
            reconcileOne(paymentId, counts);
        } else {
            Consumer<String> ask = id -> reconcileOne(id, counts);
            synchronized (openCursor) { // one run at a time moves the cursors (the job, the console)
                int asked = sweep(openCursor, OPEN_STATES, 0, openBefore, maxPerRun - maxPerRun / 2, ask);
                sweep(recoverableCursor, RECOVERABLE_STATES, recoverableSince, Long.MAX_VALUE, maxPerRun - asked, ask);
            }
        }
        return new ReconcileReport(counts[0], counts[1], counts[2]);
    }

    /**
     * Up to {@code budget} payments of the list, from the cursor on, round the end to the start,
     * none twice in one run; leaves the cursor at the last one.
     *
     * @return how many it took
     */
    private int sweep(
            AtomicReference<PaymentStore.Candidate> cursor,
            List<String> states,
            long createdAfter,
            long createdBefore,
            int budget,
            Consumer<String> work) {
        PaymentStore.Candidate start = cursor.get();
        if (start != null && start.createdAt() < createdAfter) {
            start = null; // the window moved past it
        }
        PaymentStore.Candidate from = start;
        boolean wrapped = false;
        int taken = 0;
        while (taken < budget) {
            int want = Math.min(BATCH, budget - taken);
            List<PaymentStore.Candidate> page = store.candidates(states, createdAfter, createdBefore, from, want);
            for (PaymentStore.Candidate c : page) {
                if (wrapped && ORDER.compare(c, start) > 0) {
                    cursor.set(from); // round once: the rest was taken earlier in this run
                    return taken;
                }
                work.accept(c.id());
                taken++;
                from = c;
            }
            if (page.size() < want) { // the end of the list
                if (wrapped || start == null) {
                    cursor.set(null); // all of it in this run: the next starts at the beginning
                    return taken;
                }
                wrapped = true;
                from = null;
            }
        }
        cursor.set(from);
        return taken;
    }

    private void reconcileOne(String id, int[] counts) {
        Optional<PaymentEntity> found = store.find(id);
        if (found.isEmpty()) {
            return;
        }
        counts[0]++;
        PaymentEntity p = found.get();
        Optional<ProviderStatus> truth = providers.get(p.provider).flatMap(pp -> ask(pp, p));
        if (truth.isEmpty()) {
            counts[2]++;
        } else if (applyTruth(id, p.provider, truth.get(), "RECONCILED")) {
            counts[1]++;
        }
    }

    /**
     * Every payment in the states and time range, page by page: a long list of real failures must
     * not hide a newer payment whose success was lost. A sweep without a cap, from the start.
     */
    private void forEach(List<String> states, long createdAfter, long createdBefore, Consumer<String> work) {
        sweep(new AtomicReference<>(), states, createdAfter, createdBefore, Integer.MAX_VALUE, work);
    }

    /** Ends unfinished payments created before the time; a provider's late "paid" still wins. */
    int expire(long createdBefore) {
        int[] expired = new int[1];
        forEach(OPEN_STATES, 0, createdBefore, id -> {
            if (expireOne(id)) {
                expired[0]++;
            }
        });
        return expired[0];
    }

    private boolean expireOne(String id) {
        PaymentEntity p = store.find(id).orElse(null);
        if (p == null) {
            return false;
        }
        Optional<ProviderStatus> truth = providers.get(p.provider).flatMap(pp -> ask(pp, p));
        if (truth.isPresent() && truth.get().outcome() != ProviderOutcome.OPEN) {
            applyTruth(id, p.provider, truth.get(), "RECONCILED");
            return false;
        }
        return store.change(id, (e, tx) -> {
                    if (PaymentState.valueOf(e.state).finished()) {
                        return false;
                    }
                    record(e, tx, Move.apply(PaymentState.EXPIRED), "EXPIRED", "system", "not finished in time", null);
                    return true;
                })
                .orElse(false);
    }

    private boolean applyTruth(String paymentId, String providerId, ProviderStatus truth, String type) {
        boolean changed = store.change(paymentId, (p, tx) -> {
                    Move move = Transitions.of(PaymentState.valueOf(p.state), truth.outcome(), true);
                    if (move.verdict() != Verdict.APPLY) {
                        return false;
                    }
                    if (move.to() == PaymentState.SUCCEEDED && truth.amountCents() != p.amountCents) {
                        logger.error(
                                "Provider {} says payment {} was paid with {} cents instead of {}; left for a person",
                                providerId,
                                p.id,
                                truth.amountCents(),
                                p.amountCents);
                        return false;
                    }
                    record(p, tx, move, type, "provider:" + providerId, "asked the provider", truth.method());
                    return true;
                })
                .orElse(false);
        if (changed) {
            afterCommit(Transitions.target(truth.outcome()));
        }
        return changed;
    }

    private Optional<ProviderStatus> ask(PaymentProvider provider, PaymentEntity p) {
        if (p.providerRef == null) {
            return Optional.empty();
        }
        try {
            return provider.status(p.providerRef);
        } catch (RuntimeException e) {
            logger.warn("Provider {} did not answer about payment {}: {}", provider.id(), p.id, e.toString());
            return Optional.empty();
        }
    }

    /** Writes a move (or, for an ignored one, only the event saying why) within the change. */
    private void record(
            PaymentEntity p, PaymentStore.Tx tx, Move move, String type, String source, String detail, String method) {
        PaymentState from = PaymentState.valueOf(p.state);
        if (move.verdict() != Verdict.APPLY) {
            tx.persist(Views.event(p.id, type, from, from, source, detail + "; changed nothing: " + move.why()));
            return;
        }
        long now = System.currentTimeMillis();
        PaymentState to = move.to();
        p.state = to.name();
        p.updatedAt = now;
        if (method != null && !method.isBlank()) {
            p.method = Views.limit(method, 40);
        }
        if (to.finished()) {
            p.finishedAt = now;
            p.openCaseId = null;
        }
        tx.persist(Views.event(p.id, type, from, to, source, detail));
        if (to == PaymentState.SUCCEEDED) {
            // the booking's id is the payment's: a second success could not book it again
            tx.persist(Views.booking(p, "P-" + p.id, p.amountCents));
            Optional<PaymentEntity> earlier = tx.otherKeptPayment(p.caseId, p.id);
            if (earlier.isPresent()) {
                payBackDuplicate(p, tx, earlier.get(), now);
                return;
            }
            if (p.payFirst == 1) {
                CaseTodoEntity todo = new CaseTodoEntity();
                todo.paymentId = p.id;
                todo.caseId = p.caseId;
                todo.atMillis = now;
                tx.persist(todo);
            }
        }
    }

    /**
     * The case's fee was paid already by another payment (e.g. the provider confirmed a late success
     * of a payment that had failed, after the payer paid again): the money came in and is booked, and
     * all of it is paid back. The refund is recorded as pending in the same transaction and asked of
     * the provider by the refund job, as a refund of staff is, so that a crash neither loses nor
     * doubles it.
     */
    private void payBackDuplicate(PaymentEntity p, PaymentStore.Tx tx, PaymentEntity earlier, long now) {
        RefundEntity r = new RefundEntity();
        r.id = PaymentIds.refund();
        r.paymentId = p.id;
        r.amountCents = p.amountCents;
        r.reason = "Gebühr doppelt bezahlt (fee paid twice): the case is paid by " + earlier.id;
        r.requestedBy = "system";
        r.atMillis = now;
        r.succeeded = Refunds.PENDING;
        tx.persist(r);
        p.state = PaymentState.REFUND_PENDING.name();
        tx.persist(Views.event(
                p.id,
                "REFUND_REQUESTED",
                PaymentState.SUCCEEDED,
                PaymentState.REFUND_PENDING,
                "system",
                r.amountCents + " cents: " + r.reason));
        logger.warn(
                "Payment {} of case {} succeeded although {} paid the case already: {} cents will be paid back",
                p.id,
                p.caseId,
                earlier.id,
                r.amountCents);
    }

    /** The names of the states that pass, as the store queries them: derived, never listed twice. */
    private static List<String> states(java.util.function.Predicate<PaymentState> which) {
        return java.util.Arrays.stream(PaymentState.values())
                .filter(which)
                .map(Enum::name)
                .toList();
    }

    private static PaymentException unknown(String paymentId) {
        return new PaymentException(NOT_FOUND, "There is no payment '" + Views.limit(paymentId, 40) + "'.");
    }
}
