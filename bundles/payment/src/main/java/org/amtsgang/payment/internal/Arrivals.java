package org.amtsgang.payment.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * How busy the payment API is right now: the rate of arriving notifications and new payments over
 * the last quarter of a second or so. Background work that can wait (see {@link Rush}) waits while
 * it is high. Approximate by design: two threads crossing a quarter's boundary
 * may lose a few arrivals, which only moves the verdict by as much.
 */
final class Arrivals {

    private static final long QUARTER = TimeUnit.MILLISECONDS.toNanos(250);

    private final LongSupplier nanoClock;
    /** Arrivals per second from which the API counts as busy; 0: never (read at every check: configurable). */
    private final IntSupplier busyPerSecond;
    /** The quarter the counter is for, as nanoClock / QUARTER. */
    private final AtomicLong quarter = new AtomicLong(Long.MIN_VALUE);

    private final AtomicLong count = new AtomicLong();
    /** Arrivals of the quarter before, if it was the one just before. */
    private volatile long previous;

    Arrivals(IntSupplier busyPerSecond, LongSupplier nanoClock) {
        this.busyPerSecond = busyPerSecond;
        this.nanoClock = nanoClock;
    }

    /** A notification or a new payment arrived. */
    void arrived() {
        long now = nanoClock.getAsLong() / QUARTER;
        long seen = quarter.get();
        if (now != seen && quarter.compareAndSet(seen, now)) {
            long ended = count.getAndSet(0);
            previous = now == seen + 1 ? ended : 0;
        }
        count.incrementAndGet();
    }

    /** Whether arrivals in the current or the last full quarter reached the busy rate. */
    boolean busy() {
        int perSecond = busyPerSecond.getAsInt();
        if (perSecond <= 0) {
            return false;
        }
        long busyPerQuarter = Math.max(1, perSecond / 4);
        long now = nanoClock.getAsLong() / QUARTER;
        long seen = quarter.get();
        if (now == seen) {
            return Math.max(previous, count.get()) >= busyPerQuarter;
        }
        return now == seen + 1 && count.get() >= busyPerQuarter;
    }
}
