package org.amtsgang.payment.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.amtsgang.payment.api.spi.ProviderNotification;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.junit.Test;

public class ChaosPlanTest {

    private static final long DECIDED_AT = 1_780_000_000_123L;

    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<String> eventIds = () -> "evt-" + ids.incrementAndGet();

    @Test
    public void withoutChaosOneNotificationGoesOutAtOnce() {
        List<ChaosPlan.Send> plan =
                ChaosPlan.plan(decided(ProviderOutcome.SUCCEEDED), new Chaos(0, 0, 0, false), eventIds, new Random(1));

        assertThat(plan).singleElement().satisfies(send -> {
            assertThat(send.delayMillis()).isZero();
            assertThat(send.notification())
                    .isEqualTo(new ProviderNotification(
                            "evt-1",
                            "pay-1",
                            "sbx_AAAAAAAAAAAAAAAAAAAA",
                            ProviderOutcome.SUCCEEDED,
                            "card",
                            1250,
                            Instant.ofEpochMilli(DECIDED_AT)));
        });
    }

    @Test
    public void duplicatesAreTrueCopiesSpacedAfterTheDelay() {
        List<ChaosPlan.Send> plan =
                ChaosPlan.plan(decided(ProviderOutcome.FAILED), new Chaos(2000, 0, 2, false), eventIds, new Random(1));

        assertThat(plan).hasSize(3);
        assertThat(plan).extracting(ChaosPlan.Send::delayMillis).containsExactly(2000L, 2050L, 2100L);
        assertThat(plan)
                .extracting(ChaosPlan.Send::notification)
                .as("the same event, the same body")
                .containsOnly(plan.get(0).notification());
        assertThat(plan.get(0).notification().outcome()).isEqualTo(ProviderOutcome.FAILED);
        assertThat(ids.get()).as("one event id for all copies").isEqualTo(1);
    }

    @Test
    public void reorderAddsAnOutdatedAuthorisationAfterASuccess() {
        List<ChaosPlan.Send> plan =
                ChaosPlan.plan(decided(ProviderOutcome.SUCCEEDED), new Chaos(0, 0, 0, true), eventIds, new Random(1));

        assertThat(plan).hasSize(2);
        ProviderNotification last = plan.get(0).notification();
        ProviderNotification outdated = plan.get(1).notification();
        assertThat(last.outcome()).isEqualTo(ProviderOutcome.SUCCEEDED);
        assertThat(outdated.outcome()).isEqualTo(ProviderOutcome.AUTHORISED);
        assertThat(outdated.occurredAt()).isBefore(last.occurredAt());
        assertThat(outdated.occurredAt()).isEqualTo(Instant.ofEpochMilli(DECIDED_AT - 1000));
        assertThat(outdated.eventId()).as("another event").isNotEqualTo(last.eventId());
        assertThat(outdated.paymentId()).isEqualTo(last.paymentId());
        assertThat(plan.get(1).delayMillis())
                .as("arrives after the final one")
                .isGreaterThan(plan.get(0).delayMillis());
    }

    @Test
    public void reorderAfterAFailureOrCancellationClaimsTheSessionWasStillOpen() {
        for (ProviderOutcome outcome : List.of(ProviderOutcome.FAILED, ProviderOutcome.CANCELLED)) {
            List<ChaosPlan.Send> plan =
                    ChaosPlan.plan(decided(outcome), new Chaos(0, 0, 0, true), eventIds, new Random(1));

            assertThat(plan).extracting(s -> s.notification().outcome()).containsExactly(outcome, ProviderOutcome.OPEN);
        }
    }

    @Test
    public void reorderWithDuplicatesShufflesEverythingAfterTheFirstFinalNotification() {
        Chaos chaos = new Chaos(100, 0, 3, true);
        boolean sawOutdatedBeforeAFinalCopy = false;
        for (int seed = 0; seed < 20; seed++) {
            List<ChaosPlan.Send> plan =
                    ChaosPlan.plan(decided(ProviderOutcome.SUCCEEDED), chaos, eventIds, new Random(seed));

            assertThat(plan).hasSize(8);
            assertThat(plan.get(0).notification().outcome()).isEqualTo(ProviderOutcome.SUCCEEDED);
            String finalId = plan.get(0).notification().eventId();
            assertThat(plan)
                    .filteredOn(s -> s.notification().outcome() == ProviderOutcome.SUCCEEDED)
                    .hasSize(4)
                    .extracting(s -> s.notification().eventId())
                    .containsOnly(finalId);
            List<String> outdatedIds = plan.stream()
                    .filter(s -> s.notification().outcome() == ProviderOutcome.AUTHORISED)
                    .map(s -> s.notification().eventId())
                    .toList();
            assertThat(outdatedIds).hasSize(4);
            assertThat(outdatedIds.stream().distinct())
                    .as("copies of one other event")
                    .singleElement()
                    .isNotEqualTo(finalId);
            assertThat(plan).extracting(ChaosPlan.Send::delayMillis).isSorted().startsWith(100L);
            int firstOutdated = indexOf(plan, ProviderOutcome.AUTHORISED, 0);
            sawOutdatedBeforeAFinalCopy |= indexOf(plan, ProviderOutcome.SUCCEEDED, firstOutdated) >= 0;
        }
        assertThat(sawOutdatedBeforeAFinalCopy)
                .as("some plans interleave outdated notifications with final copies")
                .isTrue();
    }

    @Test
    public void jitterAddsUpToItsBoundToEachSend() {
        List<ChaosPlan.Send> plan = ChaosPlan.plan(
                decided(ProviderOutcome.SUCCEEDED), new Chaos(1000, 300, 9, false), eventIds, new Random(7));

        assertThat(plan).hasSize(10);
        for (int i = 0; i < plan.size(); i++) {
            long planned = 1000 + i * ChaosPlan.SPACING_MILLIS;
            assertThat(plan.get(i).delayMillis()).isBetween(planned, planned + 300);
        }
        long distinctJitters = java.util.stream.IntStream.range(0, plan.size())
                .mapToLong(i -> plan.get(i).delayMillis() - 1000 - i * ChaosPlan.SPACING_MILLIS)
                .distinct()
                .count();
        assertThat(distinctJitters).as("jitter is random, not constant").isGreaterThan(1);
    }

    @Test
    public void negativeChaosIsRefusedAndNegativeSettingsCountAsNone() {
        assertThatThrownBy(() -> new Chaos(-1, 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chaos(0, 0, -1, false)).isInstanceOf(IllegalArgumentException.class);

        Chaos configured = Chaos.of(TestConfigs.sandbox(java.util.Map.of(
                "callbackDelayMillis", -5L, "callbackJitterMillis", 20L, "duplicateCallbacks", -2, "reorder", true)));

        assertThat(configured).isEqualTo(new Chaos(0, 20, 0, true));
    }

    private static int indexOf(List<ChaosPlan.Send> plan, ProviderOutcome outcome, int from) {
        for (int i = from; i < plan.size(); i++) {
            if (plan.get(i).notification().outcome() == outcome) {
                return i;
            }
        }
        return -1;
    }

    private static Session decided(ProviderOutcome outcome) {
        return new Session(
                "sbx_AAAAAAAAAAAAAAAAAAAA",
                "pay-1",
                1250,
                "Hundesteuer 2026",
                "card",
                "https://portal.example/return",
                outcome,
                0,
                DECIDED_AT - 60_000,
                DECIDED_AT,
                2);
    }
}
