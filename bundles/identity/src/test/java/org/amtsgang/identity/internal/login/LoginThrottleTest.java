package org.amtsgang.identity.internal.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.Test;

public class LoginThrottleTest {

    private final AtomicLong millis = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottle.Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(15), 30, Duration.ofMinutes(5)),
            clock);

    @Test
    public void fiveFailuresLockTheAccountForAWhile() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.begin("a@b.de", "10.0.0." + i)).isEmpty();
            assertThat(throttle.failed("a@b.de")).isFalse();
        }
        assertThat(throttle.begin("a@b.de", "10.0.0.9")).isEmpty();
        assertThat(throttle.failed("a@b.de")).as("locks now").isTrue();

        assertThat(throttle.begin("a@b.de", "10.0.0.77"))
                .hasValueSatisfying(wait -> assertThat(wait).isEqualTo(Duration.ofMinutes(15)));
        assertThat(throttle.begin("other@b.de", "10.0.0.77")).isEmpty();

        millis.addAndGet(Duration.ofMinutes(15).toMillis());
        assertThat(throttle.begin("a@b.de", "10.0.0.77")).isEmpty();
    }

    @Test
    public void attemptsInFlightCountSoNoMoreThanTheLimitReachTheCheck() {
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (throttle.begin("a@b.de", "10.0.0.1").isEmpty()) {
                admitted++;
            }
        }

        assertThat(admitted).isEqualTo(5);
    }

    @Test
    public void anAddressThatFailsTooOftenWaits() {
        for (int i = 0; i < 30; i++) {
            throttle.begin("user" + i + "@b.de", "10.1.1.1");
            throttle.failed("user" + i + "@b.de");
        }

        assertThat(throttle.begin("new@b.de", "10.1.1.1")).isPresent();
        assertThat(throttle.begin("new@b.de", "10.1.1.2")).isEmpty();

        millis.addAndGet(Duration.ofMinutes(5).toMillis() + 1);
        assertThat(throttle.begin("new@b.de", "10.1.1.1")).isEmpty();
    }

    @Test
    public void successForgivesTheAccountAndTheAttempt() {
        for (int i = 0; i < 4; i++) {
            throttle.begin("a@b.de", "10.0.0.1");
            throttle.failed("a@b.de");
        }
        throttle.begin("a@b.de", "10.0.0.1");
        throttle.succeeded("a@b.de", "10.0.0.1");

        throttle.begin("a@b.de", "10.0.0.1");
        assertThat(throttle.failed("a@b.de")).isFalse();
        for (int i = 0; i < 200; i++) {
            throttle.begin("many@b.de", "10.9.9.9");
            throttle.succeeded("many@b.de", "10.9.9.9");
        }
        assertThat(throttle.begin("last@b.de", "10.9.9.9"))
                .as("successes use up no address budget")
                .isEmpty();
    }

    @Test
    public void registrationsCountAgainstTheAddress() {
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.admit("10.2.2.2")).isEmpty();
        }
        assertThat(throttle.admit("10.2.2.2")).isPresent();
    }
}
