package org.amtsgang.payment.sandbox.internal;

/**
 * How a decision's notifications misbehave: what a real provider does on a bad day.
 *
 * @param delayMillis how long before the first notification goes out
 * @param jitterMillis a random extra delay per notification, up to this
 * @param duplicates extra copies of each notification
 * @param reorder whether an outdated notification follows the final one and the copies are shuffled
 */
record Chaos(long delayMillis, long jitterMillis, int duplicates, boolean reorder) {

    Chaos {
        if (delayMillis < 0 || jitterMillis < 0 || duplicates < 0) {
            throw new IllegalArgumentException("Delays and duplicates cannot be negative.");
        }
    }

    /** The configured chaos; negative settings count as none. */
    static Chaos of(SandboxConfig config) {
        return new Chaos(
                Math.max(0, config.callbackDelayMillis()),
                Math.max(0, config.callbackJitterMillis()),
                Math.max(0, config.duplicateCallbacks()),
                config.reorder());
    }
}
