package org.amtsgang.payment.sandbox.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.amtsgang.payment.api.spi.ProviderNotification;
import org.amtsgang.payment.api.spi.ProviderOutcome;

/**
 * Which notifications a decision sends, and when: a pure function of the decided session and the
 * chaos, so that testers' scenarios are tested without HTTP.
 */
final class ChaosPlan {

    /**
     * Time between consecutive sends, so that their order holds on the wire as planned (two sends at
     * the same moment would race on the sender's threads).
     */
    static final long SPACING_MILLIS = 50;

    /** How much older the outdated notification claims to be than the final one. */
    static final long OUTDATED_BY_MILLIS = 1000;

    /**
     * One send: a notification and its delay from the decision. Copies share the notification and
     * its body (a true duplicate); each is signed when it goes out.
     */
    record Send(long delayMillis, ProviderNotification notification) {}

    private ChaosPlan() {}

    /**
     * The sends for a decided session, in the order they are due.
     *
     * <p>Always the final notification, with a fresh event id, when the session was decided. With
     * duplicates, each notification is sent that many extra times. With reorder, an outdated
     * notification follows ({@code AUTHORISED} before a success, {@code OPEN} before a failure or
     * cancellation, claiming an older occurredAt), and everything after the first final
     * notification is shuffled: the platform must keep the newest state whatever arrives last.
     */
    static List<Send> plan(Session decided, Chaos chaos, Supplier<String> eventIds, Random random) {
        Instant decidedAt = Instant.ofEpochMilli(decided.updatedAt());
        ProviderNotification last = notification(decided, decided.outcome(), decidedAt, eventIds.get());
        List<ProviderNotification> order = new ArrayList<>();
        copies(order, last, chaos.duplicates());
        if (chaos.reorder()) {
            ProviderOutcome earlier =
                    decided.outcome() == ProviderOutcome.SUCCEEDED ? ProviderOutcome.AUTHORISED : ProviderOutcome.OPEN;
            ProviderNotification outdated =
                    notification(decided, earlier, decidedAt.minusMillis(OUTDATED_BY_MILLIS), eventIds.get());
            copies(order, outdated, chaos.duplicates());
            Collections.shuffle(order.subList(1, order.size()), random);
        }
        List<Send> sends = new ArrayList<>(order.size());
        for (int i = 0; i < order.size(); i++) {
            long jitter = chaos.jitterMillis() == 0 ? 0 : random.nextLong(chaos.jitterMillis() + 1);
            sends.add(new Send(chaos.delayMillis() + i * SPACING_MILLIS + jitter, order.get(i)));
        }
        return List.copyOf(sends);
    }

    private static void copies(List<ProviderNotification> order, ProviderNotification n, int duplicates) {
        for (int i = 0; i <= duplicates; i++) {
            order.add(n);
        }
    }

    private static ProviderNotification notification(
            Session s, ProviderOutcome outcome, Instant occurredAt, String eventId) {
        return new ProviderNotification(
                eventId, s.paymentId(), s.reference(), outcome, s.method(), s.amountCents(), occurredAt);
    }
}
