package org.amtsgang.identity.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amtsgang.identity.api.SecurityEvent;
import org.amtsgang.identity.api.SecurityEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every security event: in the security log ({@code amtsgang.security}) and with every
 * listener, e.g. the audit trail once it exists. A failing listener is logged and does not undo
 * the change.
 */
final class SecurityEvents {

    private final Logger log = LoggerFactory.getLogger("amtsgang.security");
    private final CopyOnWriteArrayList<SecurityEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    SecurityEvents(Clock clock) {
        this.clock = clock;
    }

    void add(SecurityEventListener listener) {
        listeners.add(listener);
    }

    void remove(SecurityEventListener listener) {
        listeners.remove(listener);
    }

    void record(SecurityEvent.Type type, String subject, String actor, String address, Map<String, String> details) {
        SecurityEvent event = new SecurityEvent(clock.instant(), type, subject, actor, address, details);
        log.info("{} subject={} actor={} address={} {}", type, subject, actor, address, details);
        for (SecurityEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.error(
                        "Security event listener {} failed on {}",
                        listener.getClass().getName(),
                        type,
                        e);
            }
        }
    }
}
