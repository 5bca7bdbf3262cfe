package org.amtsgang.benchmarks.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.identity.internal.Revocations;
import org.amtsgang.identity.internal.crypto.AccessTokens;
import org.amtsgang.identity.internal.crypto.SigningKeys;
import org.amtsgang.identity.internal.crypto.VerifiedTokens;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking the access token adds to an API request, from the {@code Authorization} header to
 * the caller: ES256 tokens issued by the identity bundle's {@link AccessTokens} with an in-memory
 * key, checked by the class the platform's authenticator uses ({@link VerifiedTokens}), after the
 * token is cut from its header as rest-core's authentication filter does.
 *
 * <ul>
 *   <li>{@link #firstRequest}: a token the platform has not seen yet, so its signature is verified
 *       in full (a client's first request after each login or refresh);
 *   <li>{@link #followingRequest}: a token seen before, answered from the cache of verified tokens
 *       (what most requests pay);
 *   <li>{@link #verifyOnly}: {@link AccessTokens#verify} alone, for reference.
 * </ul>
 *
 * The requests cycle through {@value #POOL} tokens of different callers, so that neither the map nor
 * the CPU caches see one hot token. Each request's token is a fresh string cut from its header, as
 * in the platform, so its hash code is computed anew every time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class TokenVerificationBenchmark {

    static final int POOL = 1024;
    private static final String BEARER = "Bearer ";

    private String[] tokens;
    private String[] headers;
    private AccessTokens accessTokens;
    private VerifiedTokens uncached;
    private VerifiedTokens cached;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.systemUTC();
        // the distribution's settings: issuer amtsgang, accessTokenMinutes = 5 (a trial takes seconds)
        accessTokens = new AccessTokens(SigningKeys.inMemory("k1"), "amtsgang", Duration.ofMinutes(5), clock);
        Revocations revocations = new Revocations();
        for (int i = 0; i < 1000; i++) { // some disabled accounts and ended sessions, none of the callers'
            revocations.disabled(UUID.randomUUID().toString(), true);
            revocations.endSessions(UUID.randomUUID().toString(), clock.millis());
        }
        uncached = new VerifiedTokens(accessTokens, revocations::valid, clock);
        cached = new VerifiedTokens(accessTokens, revocations::valid, clock);

        tokens = new String[POOL];
        headers = new String[POOL];
        for (int i = 0; i < POOL; i++) {
            tokens[i] = accessTokens.issue(caller(i));
            headers[i] = BEARER + tokens[i];
            if (cached.authenticate(fromHeader(headers[i])).isEmpty()) {
                throw new IllegalStateException("a freshly issued token does not verify");
            }
        }
    }

    /** As rest-core's authentication filter takes the token from the header. */
    private static String fromHeader(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new IllegalArgumentException("not a bearer token");
        }
        return header.substring(BEARER.length()).trim();
    }

    private static Caller caller(int i) {
        String subject = UUID.randomUUID().toString();
        if (i % 8 == 7) { // some staff among the citizens
            return new Caller(
                    subject,
                    PrincipalKind.STAFF,
                    "Clara Weber",
                    "sachbearbeitung@buergeramt.example",
                    TrustLevel.SUBSTANTIAL,
                    Set.of(new OfficeRole("buergeramt", Role.CASEWORKER)));
        }
        return new Caller(
                subject, PrincipalKind.CITIZEN, "Anna Schmidt", "anna.schmidt@example.org", TrustLevel.BASIS, Set.of());
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (POOL - 1);
        return i;
    }

    @Benchmark
    public Optional<Caller> firstRequest() {
        int i = nextIndex();
        Optional<Caller> caller = uncached.authenticate(fromHeader(headers[i]));
        uncached.forget(tokens[i]); // one map removal (the pool's strings know their hash code)
        return caller;
    }

    @Benchmark
    public Optional<Caller> followingRequest() {
        return cached.authenticate(fromHeader(headers[nextIndex()]));
    }

    @Benchmark
    public Optional<AccessTokens.Verified> verifyOnly() {
        return accessTokens.verify(tokens[nextIndex()]);
    }
}
