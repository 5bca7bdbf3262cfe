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
            assertThat(throttle.check("a@b.de", "10.0.0." + i)).isEmpty();
            assertThat(throttle.failed("a@b.de", "10.0.0." + i)).isFalse();
        }
        assertThat(throttle.failed("a@b.de", "10.0.0.9")).as("locks now").isTrue();

        assertThat(throttle.check("a@b.de", "10.0.0.77"))
                .hasValueSatisfying(wait -> assertThat(wait).isEqualTo(Duration.ofMinutes(15)));
        assertThat(throttle.check("other@b.de", "10.0.0.77")).isEmpty();

        millis.addAndGet(Duration.ofMinutes(15).toMillis());
        assertThat(throttle.check("a@b.de", "10.0.0.77")).isEmpty();
    }

    @Test
    public void anAddressThatFailsTooOftenWaits() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("user" + i + "@b.de", "10.1.1.1");
        }

        assertThat(throttle.check("new@b.de", "10.1.1.1")).isPresent();
        assertThat(throttle.check("new@b.de", "10.1.1.2")).isEmpty();

        millis.addAndGet(Duration.ofMinutes(5).toMillis() + 1);
        assertThat(throttle.check("new@b.de", "10.1.1.1")).isEmpty();
    }

    @Test
    public void successForgivesTheAccount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("a@b.de", "10.0.0.1");
        }
        throttle.succeeded("a@b.de");

        assertThat(throttle.failed("a@b.de", "10.0.0.1")).isFalse();
    }

    @Test
    public void registrationsCountAgainstTheAddress() {
        for (int i = 0; i < 30; i++) {
            assertThat(throttle.admit("10.2.2.2")).isEmpty();
        }
        assertThat(throttle.admit("10.2.2.2")).isPresent();
    }
}
