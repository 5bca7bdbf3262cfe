package org.amtsgang.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Test;

public class GroupsTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @After
    public void stop() {
        pool.shutdownNow();
    }

    @Test
    public void aLoneSubmissionIsRunAtOnceByItsOwnThread() {
        List<String> runners = new ArrayList<>();
        Groups<Integer, Integer> groups = new Groups<>(4, 16, work -> {
            runners.add(Thread.currentThread().getName());
            return work.stream().map(w -> Groups.Outcome.of(w * 2)).toList();
        });
        assertThat(groups.run("k", 21)).isEqualTo(42);
        assertThat(runners).containsExactly(Thread.currentThread().getName());
    }

    @Test
    public void whatArrivesWhileAGroupRunsIsRunAsTheNextGroupAndEachGetsItsOwnResult() throws Exception {
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Groups<Integer, Integer> groups = new Groups<>(1, 16, work -> {
            sizes.add(work.size());
            if (sizes.size() == 1) {
                firstRunning.countDown();
                await(othersQueued);
            }
            return work.stream().map(w -> Groups.Outcome.of(w * 2)).toList();
        });
        Future<Integer> first = pool.submit(() -> groups.run("a", 0));
        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Integer>> others = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int n = i;
            others.add(pool.submit(() -> groups.run("k" + n, n)));
        }
        Thread.sleep(300); // all ten wait in the queue behind the running group
        othersQueued.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
        for (int i = 1; i <= 10; i++) {
            assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo(2 * i);
        }
        assertThat(sizes).containsExactly(1, 10);
    }

    @Test
    public void aFailedGroupFailsOnlyItsOwnPieces() throws Exception {
        Groups<Integer, Integer> groups = new Groups<>(2, 16, work -> {
            if (work.contains(-1)) {
                throw new IllegalStateException("group with -1");
            }
            return work.stream()
                    .map(w -> w == -2
                            ? Groups.Outcome.<Integer>failed(new IllegalArgumentException("just -2"))
                            : Groups.Outcome.of(w))
                    .toList();
        });
        assertThatThrownBy(() -> groups.run(1, -1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> groups.run(1, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(groups.run(1, 5)).isEqualTo(5);
        Integer nothing = new Groups<Integer, Integer>(1, 4, work -> work.stream()
                        .map(w -> Groups.Outcome.<Integer>of(null))
                        .toList())
                .run("k", 1);
        assertThat(nothing).isNull();
    }

    @Test
    public void oneKeyIsNeverInTwoGroupsAtOnceAndEverySubmissionIsAnswered() throws Exception {
        Set<String> running = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger grouped = new AtomicInteger();
        Groups<String, String> groups = new Groups<>(4, 8, work -> {
            List<String> taken = new ArrayList<>();
            for (String w : work) {
                String key = w.substring(0, w.indexOf('/'));
                if (!taken.contains(key) && !running.add(key)) {
                    overlaps.incrementAndGet();
                }
                taken.add(key);
            }
            if (work.size() > 1) {
                grouped.incrementAndGet();
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.removeAll(taken);
            return work.stream().map(w -> Groups.Outcome.of("done " + w)).toList();
        });
        List<Future<Boolean>> all = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            all.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    String key = "p" + ((thread * 7 + i) % 20);
                    String work = key + "/" + thread + "/" + i;
                    if (!groups.run(key, work).equals("done " + work)) {
                        return false;
                    }
                }
                return true;
            }));
        }
        for (Future<Boolean> f : all) {
            assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(grouped.get()).isPositive();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
