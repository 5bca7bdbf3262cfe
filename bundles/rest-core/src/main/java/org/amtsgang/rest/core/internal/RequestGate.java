package org.amtsgang.rest.core.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets requests into the JAX-RS endpoint while it is open. Closing it turns new requests away (503)
 * and waits, for a bounded time, until those already inside have left: the endpoint is rebuilt
 * only then, so that a request in flight is not handed to a server half torn down (CXF answered
 * such a request with a NullPointerException, a 500).
 */
final class RequestGate {

    private final AtomicInteger inside = new AtomicInteger();
    private final Object left = new Object();
    private volatile boolean open;

    /** Whether the request may go in; if so, {@link #leave} must follow. */
    boolean enter() {
        if (!open) {
            return false; // closed: turned away without touching the count the closing side waits on
        }
        // counted before the second check: a closing gate either sees this request inside or turns it away
        inside.incrementAndGet();
        if (open) {
            return true;
        }
        leave();
        return false;
    }

    void leave() {
        if (inside.decrementAndGet() == 0) {
            synchronized (left) {
                left.notifyAll();
            }
        }
    }

    void open() {
        open = true;
    }

    /**
     * Turns new requests away and waits until the requests inside have left.
     *
     * @return whether all left within the time (a long download may still be running)
     */
    boolean close(Duration patience) throws InterruptedException {
        open = false;
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (left) {
            while (inside.get() > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                left.wait(Math.max(1, remaining / 1_000_000));
            }
        }
        return true;
    }

    /** How many requests are inside. */
    int inside() {
        return inside.get();
    }
}
