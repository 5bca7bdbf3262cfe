package org.amtsgang.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class ArrivalsTest {

    private static final long MS = 1_000_000;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final AtomicInteger perSecond = new AtomicInteger(40); // 10 per quarter of a second
    private final Arrivals arrivals = new Arrivals(perSecond::get, clock::get);

    @Test
    public void aRushIsBusyUntilAQuarterWithoutItHasPassed() {
        assertThat(arrivals.busy()).isFalse();
        arrive(9);
        assertThat(arrivals.busy()).as("9 in a quarter: under 40/s").isFalse();
        arrive(1);
        assertThat(arrivals.busy()).isTrue();
        clock.addAndGet(250 * MS); // the next quarter, nothing yet: the last full one counts
        assertThat(arrivals.busy()).isTrue();
        arrive(2);
        assertThat(arrivals.busy()).isTrue();
        clock.addAndGet(250 * MS); // a quarter later: the last one had 2
        arrive(1);
        assertThat(arrivals.busy()).isFalse();
        arrive(10);
        assertThat(arrivals.busy()).isTrue();
        clock.addAndGet(600 * MS); // a pause: the rush is over
        assertThat(arrivals.busy()).isFalse();
        arrive(1);
        assertThat(arrivals.busy()).isFalse();
    }

    @Test
    public void noRateIsBusyWhenSwitchedOff() {
        perSecond.set(0);
        arrive(1_000);
        assertThat(arrivals.busy()).isFalse();
        perSecond.set(40); // configuration applies at once
        assertThat(arrivals.busy()).isTrue();
    }

    private void arrive(int n) {
        for (int i = 0; i < n; i++) {
            arrivals.arrived();
        }
    }
}
