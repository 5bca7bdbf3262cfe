package org.amtsgang.persistence.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

public class RandomBitsTest {

    @Test
    public void uuidsAreRandomVersionFourAndDifferOnEveryThread() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(20); // more threads than generators
        for (int i = 0; i < 20_000; i++) {
            threads.execute(() -> seen.add(RandomBits.uuid()));
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(seen).hasSize(20_000).allSatisfy(id -> {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        });
    }

    @Test
    public void bytesAreFilledDifferentlyEachTime() {
        byte[] first = new byte[20];
        byte[] second = new byte[20];
        RandomBits.nextBytes(first);
        RandomBits.nextBytes(second);
        assertThat(first).isNotEqualTo(new byte[20]).isNotEqualTo(second);
    }
}
