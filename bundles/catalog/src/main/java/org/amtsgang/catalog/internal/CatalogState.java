package org.amtsgang.catalog.internal;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.amtsgang.catalog.api.dto.CatalogEntry.Status;
import org.amtsgang.catalog.api.dto.Office;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue's mutable side: contributions and offices come and go here, and each change
 * publishes a new {@link CatalogSnapshot}. Writers serialise on this object; readers take the
 * current snapshot without locking.
 */
final class CatalogState {

    private final Logger logger = LoggerFactory.getLogger(CatalogState.class);

    /** Insertion order is arrival order, which decides who owns a contested service id. */
    private final Map<Contribution.Key, Contribution> contributions = new LinkedHashMap<>();

    private final Map<Object, Office> offices = new IdentityHashMap<>();
    private volatile CatalogSnapshot snapshot = CatalogSnapshot.EMPTY;

    CatalogSnapshot snapshot() {
        return snapshot;
    }

    synchronized void put(Contribution contribution) {
        contributions.remove(contribution.key()); // an update arrives last, like a new one
        contributions.put(contribution.key(), contribution);
        publish();
    }

    synchronized void removeBundle(long bundleId) {
        java.util.List<Contribution> removed = contributions.values().stream()
                .filter(c -> c.key().bundleId() == bundleId)
                .toList();
        removed.forEach(c -> contributions.remove(c.key()));
        if (!removed.isEmpty()) {
            withdrawn(removed);
        }
    }

    synchronized void remove(Contribution.Key key) {
        Contribution removed = contributions.remove(key);
        if (removed != null) {
            withdrawn(java.util.List.of(removed));
        }
    }

    private void withdrawn(java.util.List<Contribution> removed) {
        CatalogSnapshot previous = snapshot;
        publish();
        for (Contribution c : removed) {
            if (previous.statusOf(c.key()) == Status.AVAILABLE) {
                logger.info(
                        "Service '{}' withdrawn (bundle {} [{}])",
                        c.claimedId(),
                        c.origin().bundle(),
                        c.origin().bundleId());
            }
        }
    }

    synchronized void putOffice(Object source, Office office) {
        offices.put(source, office);
        publish();
    }

    synchronized void removeOffice(Object source) {
        if (offices.remove(source) != null) {
            publish();
        }
    }

    private void publish() {
        CatalogSnapshot previous = snapshot;
        CatalogSnapshot next = CatalogSnapshot.of(contributions.values(), offices.values(), previous.revision() + 1);
        snapshot = next;
        logChanges(previous, next);
    }

    // Operators learn from the log when a service appears, disappears or is refused.
    private void logChanges(CatalogSnapshot previous, CatalogSnapshot next) {
        for (Contribution c : contributions.values()) {
            Status before = previous.statusOf(c.key());
            Status now = next.statusOf(c.key());
            if (Objects.equals(before, now)) {
                continue;
            }
            CatalogEntry entry = next.entries().stream()
                    .filter(e -> e.origin().equals(c.origin()))
                    .findFirst()
                    .orElse(null);
            String source = c.origin().bundle() + " [" + c.origin().bundleId() + "] "
                    + c.origin().resource();
            if (now == Status.AVAILABLE) {
                logger.info(
                        "Service '{}' {} is available (from {})",
                        c.claimedId(),
                        c.descriptor().version(),
                        source);
            } else if (now == Status.INVALID) {
                logger.error(
                        "Refused service descriptor '{}' from {}: {}",
                        c.claimedId(),
                        source,
                        String.join("; ", c.problems()));
            } else {
                // INFO, not WARN: at boot services often arrive a moment before their office's
                // configuration; amtsgang:services --problems shows what stays unserved
                logger.info(
                        "Service '{}' from {} is not served ({}): {}",
                        c.claimedId(),
                        source,
                        now,
                        entry == null ? "" : String.join("; ", entry.problems()));
            }
        }
    }
}
