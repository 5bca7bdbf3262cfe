package org.amtsgang.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class RushTest {

    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong(5_000 * MS);
    private final Arrivals arrivals = new Arrivals(() -> 40, clock::get); // busy from 10 a quarter
    private final Rush rush = new Rush(arrivals, () -> 1_000 * MS, clock::get);

    @Test
    public void workWaitsDuringARushAtMostItsLimitUntilItRan() {
        assertThat(rush.waits()).as("no rush").isFalse();
        keepBusyFor(900);
        assertThat(rush.waits()).as("0.9 s into the rush").isTrue();
        keepBusyFor(200);
        assertThat(rush.waits()).as("past the limit: the work goes on").isFalse();
        rush.ran();
        assertThat(rush.waits()).as("a new wait after the work ran").isTrue();
        clock.addAndGet(1_000 * MS); // the rush is over
        assertThat(rush.waits()).isFalse();
    }

    /** Arrivals above the busy rate for the time, ending in a busy quarter; the first wait starts here. */
    private void keepBusyFor(long millis) {
        long end = clock.get() + millis * MS;
        while (clock.get() < end) {
            for (int i = 0; i < 10; i++) {
                arrivals.arrived();
            }
            rush.waits(); // the work looks now and then, as the jobs thread does
            clock.addAndGet(50 * MS);
        }
        for (int i = 0; i < 10; i++) {
            arrivals.arrived();
        }
    }
}
