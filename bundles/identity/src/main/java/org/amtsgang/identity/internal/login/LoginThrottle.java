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
     * so, else how long to wait. The account must not be locked, and the address must not have used
     * up its failures in the window. Counts nothing: only failures count.
     */
    public Optional<Duration> check(String account, String address) {
        long now = clock.millis();
        Window byAccount = accounts.get(account);
        if (byAccount != null) {
            synchronized (byAccount) {
                Optional<Duration> locked = byAccount.lockedFor(now);
                if (locked.isPresent()) {
                    return locked;
                }
            }
        }
        Window byAddress = addresses.get(address);
        if (byAddress == null) {
            return Optional.empty();
        }
        synchronized (byAddress) {
            return byAddress.exhausted(
                    now, policy.addressAttempts(), policy.addressWindow().toMillis());
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

    /** Records a failed check at the account from the address; true when it locked the account just now. */
    public boolean failed(String account, String address) {
        long now = clock.millis();
        trim(now);
        Window byAddress = addresses.computeIfAbsent(address, a -> new Window());
        synchronized (byAddress) {
            byAddress.record(now, policy.addressWindow().toMillis());
        }
        Window byAccount = accounts.computeIfAbsent(account, a -> new Window());
        synchronized (byAccount) {
            return byAccount.fail(
                    now,
                    policy.accountFailures(),
                    policy.accountWindow().toMillis(),
                    policy.lockout().toMillis());
        }
    }

    /** A successful login forgives the account's earlier failures. */
    public void succeeded(String account) {
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

        boolean fail(long now, int max, long window, long lockout) {
            record(now, window);
            if (events.size() >= max && now >= lockedUntil) {
                lockedUntil = now + lockout;
                events.clear();
                return true;
            }
            return false;
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
