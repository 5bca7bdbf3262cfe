package org.amtsgang.benchmarks.identity;

import java.util.concurrent.TimeUnit;
import org.amtsgang.identity.internal.crypto.PasswordHasher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The identity bundle's Argon2id {@link PasswordHasher} with the distribution's parameters (run.sh
 * passes those of {@code etc/org.amtsgang.identity.cfg}; the platform always uses one lane).
 * {@link #verify} is what every password login pays (one derivation and a constant-time compare),
 * {@link #hash} what a registration or password change pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class PasswordHashBenchmark {

    @Param("19456")
    public int memoryKiB;

    @Param("2")
    public int iterations;

    @Param("1")
    public int parallelism;

    private final char[] password = "amtsgang-demo".toCharArray();
    private PasswordHasher hasher;
    private String stored;

    @Setup(Level.Trial)
    public void setUp() {
        hasher = new PasswordHasher(memoryKiB, iterations, parallelism);
        stored = hasher.hash(password);
        if (!hasher.verify(stored, password) || hasher.verify(stored, "wrong".toCharArray())) {
            throw new IllegalStateException("the hasher does not verify its own hash");
        }
    }

    @Benchmark
    public boolean verify() {
        return hasher.verify(stored, password);
    }

    @Benchmark
    public String hash() {
        return hasher.hash(password);
    }
}
