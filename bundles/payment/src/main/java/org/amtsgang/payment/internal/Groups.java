package org.amtsgang.payment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs work that many request threads hand in at once in small groups, one group per transaction:
 * a storm of provider notifications then pays for a transaction (its commit, its log flush, the
 * entity manager) once per group rather than once per notification.
 *
 * <p>Work goes to one of a few lanes by its key (a payment's id), so the same payment's work is
 * always in one lane, one group after the other, never in two groups at the same time. No thread of
 * its own: the submitting thread that finds its lane idle runs the next group (itself the leader),
 * the others wait for their results; each thread leads at most until its own work is done, then
 * the next waiting thread takes over. So a quiet lane costs nothing: a lone submission is a group
 * of one, run at once by the thread that brought it.
 *
 * @param <I> a piece of work
 * @param <R> its result
 */
final class Groups<I, R> {

    /** A result, or the exception the submitter gets instead. */
    record Outcome<R>(R value, RuntimeException failure) {

        static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        static <R> Outcome<R> failed(RuntimeException failure) {
            return new Outcome<>(null, Objects.requireNonNull(failure));
        }
    }

    private final List<Lane> lanes = new ArrayList<>();
    private final int maxGroup;
    private final Function<List<I>, List<Outcome<R>>> runner;

    /**
     * @param lanes how many groups may run at the same time
     * @param maxGroup the most pieces of work in one group
     * @param runner runs a group, answering one outcome per piece, in order; if it throws, every
     *     piece of the group fails with that exception
     */
    Groups(int lanes, int maxGroup, Function<List<I>, List<Outcome<R>>> runner) {
        for (int i = 0; i < Math.max(1, lanes); i++) {
            this.lanes.add(new Lane());
        }
        this.maxGroup = Math.max(1, maxGroup);
        this.runner = runner;
    }

    /** Runs the work in the lane of its key and answers its result, or throws its failure. */
    R run(Object key, I work) {
        Lane lane = lanes.get(Math.floorMod(key.hashCode(), lanes.size()));
        Pending<I, R> mine = new Pending<>(work);
        lane.queue.add(mine);
        boolean interrupted = false;
        while (mine.outcome == null) {
            if (lane.busy.compareAndSet(false, true)) {
                try {
                    runGroup(lane);
                } finally {
                    lane.busy.set(false);
                    synchronized (lane) {
                        lane.notifyAll(); // the next waiting thread leads, or finds its result
                    }
                }
            } else {
                synchronized (lane) {
                    while (mine.outcome == null && lane.busy.get()) {
                        try {
                            lane.wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the work is in a group already: its result is awaited
                        }
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (mine.outcome.failure() != null) {
            throw mine.outcome.failure();
        }
        return mine.outcome.value();
    }

    private void runGroup(Lane lane) {
        List<Pending<I, R>> group = new ArrayList<>();
        Pending<I, R> next;
        while (group.size() < maxGroup && (next = lane.queue.poll()) != null) {
            group.add(next);
        }
        if (group.isEmpty()) {
            return;
        }
        List<Outcome<R>> outcomes = null;
        try {
            outcomes = runner.apply(group.stream().map(p -> p.work).toList());
            if (outcomes.size() != group.size()) {
                throw new IllegalStateException(outcomes.size() + " outcomes for " + group.size() + " pieces");
            }
        } catch (RuntimeException e) {
            outcomes = group.stream().map(p -> Outcome.<R>failed(e)).toList();
        } finally {
            // every piece taken gets an outcome, even after an Error: its submitter waits for one
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome = outcomes != null
                        ? outcomes.get(i)
                        : Outcome.failed(new IllegalStateException("The group could not be run"));
            }
        }
    }

    private final class Lane {
        final ConcurrentLinkedQueue<Pending<I, R>> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    private static final class Pending<I, R> {
        final I work;
        volatile Outcome<R> outcome;

        Pending(I work) {
            this.work = work;
        }
    }
}
