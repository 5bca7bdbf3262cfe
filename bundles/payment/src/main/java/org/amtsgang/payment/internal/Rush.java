package org.amtsgang.payment.internal;

import java.util.function.LongSupplier;

/**
 * Lets one kind of background work wait while notifications and new payments rush in: it waits
 * as long as {@link Arrivals} says the API is busy, but never longer than the limit from its first
 * wait until it ran. For one thread (the jobs thread): not safe for several.
 */
final class Rush {

    private final Arrivals arrivals;
    private final LongSupplier maxDelayNanos;
    private final LongSupplier nanoClock;
    /** When the work first waited (nanoClock), or 0: it has not waited since it last ran. */
    private long waitingSince;

    Rush(Arrivals arrivals, LongSupplier maxDelayNanos, LongSupplier nanoClock) {
        this.arrivals = arrivals;
        this.maxDelayNanos = maxDelayNanos;
        this.nanoClock = nanoClock;
    }

    /** Whether the work should wait now (the caller looks again shortly). */
    boolean waits() {
        if (!arrivals.busy()) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (waitingSince == 0) {
            waitingSince = now;
        }
        return now - waitingSince < maxDelayNanos.getAsLong();
    }

    /** The work ran (or runs now): the next rush may be waited out again. */
    void ran() {
        waitingSince = 0;
    }
}
