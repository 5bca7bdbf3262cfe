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
 * window lock it for a while; per client address, only so many attempts in a window. Both are
 * keyed by what was sent, whether an account exists or not, so the answer tells an attacker
 * nothing about which accounts exist. Kept in memory: a restart forgives, which a brute force
 * that needs restarts to continue does not profit from.
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
     * Counts an attempt from the address at the account; answers how long the caller must wait if
     * the attempt is refused without checking the password.
     */
    public Optional<Duration> admit(String account, String address) {
        long now = clock.millis();
        Window byAddress = addresses.computeIfAbsent(address, a -> new Window());
        Window byAccount = accounts.computeIfAbsent(account, a -> new Window());
        Optional<Duration> wait;
        synchronized (byAccount) {
            wait = byAccount.lockedFor(now);
        }
        if (wait.isEmpty()) {
            synchronized (byAddress) {
                wait = byAddress.admit(
                        now, policy.addressAttempts(), policy.addressWindow().toMillis());
            }
        }
        trim(now);
        return wait;
    }

    /** Records a failed password check; true when it locked the account just now. */
    public boolean failed(String account) {
        long now = clock.millis();
        Window window = accounts.computeIfAbsent(account, a -> new Window());
        synchronized (window) {
            return window.fail(
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
            expire(now, window);
            last = now;
            if (events.size() >= max) {
                return Optional.of(Duration.ofMillis(Math.max(1000, events.peekFirst() + window - now)));
            }
            events.addLast(now);
            return Optional.empty();
        }

        boolean fail(long now, int max, long window, long lockout) {
            expire(now, window);
            last = now;
            events.addLast(now);
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
