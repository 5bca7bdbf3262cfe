package org.amtsgang.identity.internal.login;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing, before any password is checked: per account, a few failures in a
 * window lock it for a while; per client address, only so many failures (and registrations or
 * reset mails) in a window. Both are keyed by what was sent, whether an account exists or not, so
 * the answer tells an attacker nothing about which accounts exist. Kept in memory: a restart
 * forgives, which a brute force that needs restarts to continue does not profit from.
 */
public final class LoginThrottle {

    /** What counts as too many. */
    public record Policy(
            int accountFailures,
            Duration accountWindow,
            Duration lockout,
            int addressAttempts,
            Duration addressWindow) {}

    private static final int MAX_TRACKED = 200_000;

    private final Policy policy;
    private final Clock clock;
    private final Map<String, Window> accounts = new ConcurrentHashMap<>();
    private final Map<String, Window> addresses = new ConcurrentHashMap<>();

    public LoginThrottle(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Whether an attempt at the account from the address may go on to the password check: empty if
     * so, else how long to wait. An attempt that goes on is counted at once, as a failure until
     * {@link #succeeded} forgives it, so that attempts running at the same time cannot slip past
     * the limit while their hashes are computed.
     */
    public Optional<Duration> begin(String account, String address) {
        long now = clock.millis();
        trim(now);
        Window byAccount = accounts.computeIfAbsent(account, a -> new Window());
        Window byAddress = addresses.computeIfAbsent(address, a -> new Window());
        synchronized (byAccount) {
            Optional<Duration> wait = byAccount
                    .lockedFor(now)
                    .or(() -> byAccount.exhausted(
                            now,
                            policy.accountFailures(),
                            policy.accountWindow().toMillis()));
            if (wait.isPresent()) {
                return wait;
            }
            synchronized (byAddress) {
                wait = byAddress.exhausted(
                        now, policy.addressAttempts(), policy.addressWindow().toMillis());
                if (wait.isPresent()) {
                    return wait;
                }
                byAddress.record(now, policy.addressWindow().toMillis());
            }
            byAccount.record(now, policy.accountWindow().toMillis());
            return Optional.empty();
        }
    }

    /**
     * Counts a request that costs the platform or reaches someone (a registration, a reset mail)
     * against the address, whatever comes of it; empty if it may go ahead.
     */
    public Optional<Duration> admit(String address) {
        long now = clock.millis();
        trim(now);
        Window byAddress = addresses.computeIfAbsent(address, a -> new Window());
        synchronized (byAddress) {
            return byAddress.admit(
                    now, policy.addressAttempts(), policy.addressWindow().toMillis());
        }
    }

    /**
     * The attempt {@link #begin} counted failed: the count stands; true when the account reached
     * the limit and is locked now.
     */
    public boolean failed(String account) {
        long now = clock.millis();
        Window byAccount = accounts.computeIfAbsent(account, a -> new Window());
        synchronized (byAccount) {
            return byAccount.lockIfFull(
                    now, policy.accountFailures(), policy.lockout().toMillis());
        }
    }

    /** The attempt {@link #begin} counted was right: the account's failures and this attempt are forgiven. */
    public void succeeded(String account, String address) {
        accounts.remove(account);
        Window byAddress = addresses.get(address);
        if (byAddress != null) {
            synchronized (byAddress) {
                byAddress.forgiveLast();
            }
        }
    }

    /** Lifts the account's lock and forgets its failures (its owner proved to own it, e.g. by a reset code). */
    public void forgive(String account) {
        accounts.remove(account);
    }

    // An attacker sending ever new names must not grow the maps without bound.
    private void trim(long now) {
        if (accounts.size() + addresses.size() <= MAX_TRACKED) {
            return;
        }
        long horizon = Math.max(
                policy.accountWindow().plus(policy.lockout()).toMillis(),
                policy.addressWindow().toMillis());
        accounts.values().removeIf(w -> w.idleSince(now, horizon));
        addresses.values().removeIf(w -> w.idleSince(now, horizon));
    }

    /** Event times in a sliding window, and a lock. Guarded by its own monitor. */
    private static final class Window {
        private final Deque<Long> events = new ArrayDeque<>();
        private long lockedUntil;
        private long last;

        Optional<Duration> lockedFor(long now) {
            return now < lockedUntil ? Optional.of(Duration.ofMillis(lockedUntil - now)) : Optional.empty();
        }

        Optional<Duration> admit(long now, int max, long window) {
            Optional<Duration> wait = exhausted(now, max, window);
            if (wait.isEmpty()) {
                record(now, window);
            }
            return wait;
        }

        Optional<Duration> exhausted(long now, int max, long window) {
            expire(now, window);
            if (events.size() >= max) {
                return Optional.of(Duration.ofMillis(Math.max(1000, events.peekFirst() + window - now)));
            }
            return Optional.empty();
        }

        void record(long now, long window) {
            expire(now, window);
            last = now;
            events.addLast(now);
        }

        boolean lockIfFull(long now, int max, long lockout) {
            if (events.size() >= max && now >= lockedUntil) {
                lockedUntil = now + lockout;
                events.clear();
                return true;
            }
            return false;
        }

        void forgiveLast() {
            events.pollLast();
        }

        boolean idleSince(long now, long horizon) {
            return now - last > horizon && now >= lockedUntil;
        }

        private void expire(long now, long window) {
            while (!events.isEmpty() && events.peekFirst() <= now - window) {
                events.removeFirst();
            }
        }
    }
}
