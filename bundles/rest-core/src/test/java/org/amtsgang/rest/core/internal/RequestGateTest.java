package org.amtsgang.rest.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class RequestGateTest {

    private final RequestGate gate = new RequestGate();

    @Test
    public void aClosedGateTurnsRequestsAwayAndCountsNone() {
        assertThat(gate.enter()).isFalse();
        gate.open();
        assertThat(gate.enter()).isTrue();
        gate.leave();
        assertThat(gate.inside()).isZero();
    }

    @Test
    public void closingWaitsForTheRequestInsideAndTurnsNewOnesAway() throws Exception {
        gate.open();
        assertThat(gate.enter()).isTrue(); // a request in flight

        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
            try {
                return gate.close(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(closed).isNotDone();
        assertThat(gate.enter()).as("a new request while closing").isFalse();

        gate.leave();
        assertThat(closed.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.inside()).isZero();
    }

    @Test
    public void closingGivesUpAfterItsPatience() throws Exception {
        gate.open();
        gate.enter(); // a download that does not end

        long started = System.nanoTime();
        assertThat(gate.close(Duration.ofMillis(300))).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(250L, 3000L);
    }
}
