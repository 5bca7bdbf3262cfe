package org.amtsgang.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.amtsgang.catalog.api.dto.CatalogEntry.Status;
import org.amtsgang.catalog.api.dto.Office;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.catalog.api.dto.ServicePage;
import org.amtsgang.catalog.api.dto.ServiceQuery;

/**
 * The catalogue at one moment: immutable, so that readers never lock and never see half a change.
 * Built from the contributions in arrival order: the first bundle to offer a service id keeps it;
 * a later one is a duplicate until the first leaves.
 */
final class CatalogSnapshot {

    static final CatalogSnapshot EMPTY = of(List.of(), List.of(), 0);

    private final long revision;
    private final List<Indexed> available;
    private final Map<String, ServiceDescriptor> byId;
    private final List<CatalogEntry> entries;
    private final Map<Contribution.Key, Status> statusByKey;
    private final Map<String, Office> offices;
    private final Map<String, Long> servicesPerOffice;

    private CatalogSnapshot(
            long revision,
            List<Indexed> available,
            List<CatalogEntry> entries,
            Map<Contribution.Key, Status> statusByKey,
            Map<String, Office> offices) {
        this.revision = revision;
        this.available = available;
        this.byId = available.stream()
                .collect(Collectors.toUnmodifiableMap(i -> i.descriptor().id(), Indexed::descriptor));
        this.entries = entries;
        this.statusByKey = statusByKey;
        this.offices = offices;
        this.servicesPerOffice = available.stream()
                .collect(Collectors.groupingBy(i -> i.descriptor().officeId(), Collectors.counting()));
    }

    static CatalogSnapshot of(Collection<Contribution> inArrivalOrder, Collection<Office> offices, long revision) {
        Map<String, Office> officeById = new LinkedHashMap<>();
        offices.stream().sorted(Comparator.comparing(Office::id)).forEach(o -> officeById.putIfAbsent(o.id(), o));

        Map<String, Contribution> owners = new HashMap<>();
        List<CatalogEntry> entries = new ArrayList<>();
        Map<Contribution.Key, Status> statuses = new HashMap<>();
        List<Indexed> available = new ArrayList<>();
        for (Contribution c : inArrivalOrder) {
            CatalogEntry entry;
            if (c.descriptor() == null) {
                entry = new CatalogEntry(c.claimedId(), null, c.origin(), Status.INVALID, c.problems());
            } else if (owners.containsKey(c.claimedId())) {
                Contribution owner = owners.get(c.claimedId());
                entry = new CatalogEntry(
                        c.claimedId(),
                        c.descriptor(),
                        c.origin(),
                        Status.DUPLICATE,
                        List.of("service id '" + c.claimedId() + "' is already provided by bundle "
                                + owner.origin().bundle() + " ["
                                + owner.origin().bundleId() + "]"));
            } else if (!officeById.containsKey(c.descriptor().officeId())) {
                entry = new CatalogEntry(
                        c.claimedId(),
                        c.descriptor(),
                        c.origin(),
                        Status.UNKNOWN_OFFICE,
                        List.of("office '" + c.descriptor().officeId() + "' is not configured (etc/org.amtsgang.office-"
                                + c.descriptor().officeId() + ".cfg)"));
            } else {
                owners.put(c.claimedId(), c);
                entry = new CatalogEntry(c.claimedId(), c.descriptor(), c.origin(), Status.AVAILABLE, List.of());
                available.add(new Indexed(c.descriptor()));
            }
            entries.add(entry);
            statuses.put(c.key(), entry.status());
        }
        available.sort(Comparator.comparing(i -> i.descriptor().id()));
        entries.sort(Comparator.comparing(CatalogEntry::serviceId, Comparator.nullsFirst(Comparator.naturalOrder())));
        return new CatalogSnapshot(
                revision,
                List.copyOf(available),
                List.copyOf(entries),
                Map.copyOf(statuses),
                java.util.Collections.unmodifiableMap(officeById));
    }

    long revision() {
        return revision;
    }

    Optional<ServiceDescriptor> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    ServicePage search(ServiceQuery query) {
        List<String> terms = terms(query.text());
        List<ServiceDescriptor> matching = available.stream()
                .filter(i ->
                        query.officeId() == null || i.descriptor().officeId().equals(query.officeId()))
                .filter(i -> i.matches(terms))
                .map(Indexed::descriptor)
                .toList();
        long from = Math.min((long) query.page() * query.size(), matching.size());
        long to = Math.min(from + query.size(), matching.size());
        return new ServicePage(matching.subList((int) from, (int) to), query.page(), query.size(), matching.size());
    }

    List<CatalogEntry> entries() {
        return entries;
    }

    Status statusOf(Contribution.Key key) {
        return statusByKey.get(key);
    }

    List<Office> offices() {
        return List.copyOf(offices.values());
    }

    Optional<Office> office(String id) {
        return Optional.ofNullable(offices.get(id));
    }

    long serviceCount(String officeId) {
        return servicesPerOffice.getOrDefault(officeId, 0L);
    }

    private static List<String> terms(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(fold(text).trim().split("\\s+"));
    }

    /** Lower case, and umlauts as they are typed on keyboards without them: "Bürger" finds "Buerger". */
    static String fold(String text) {
        return text.toLowerCase(Locale.GERMAN)
                .replace("ä", "ae")
                .replace("ö", "oe")
                .replace("ü", "ue")
                .replace("ß", "ss");
    }

    /** A service with the text that free-text search looks in, folded once. */
    private record Indexed(ServiceDescriptor descriptor, String text) {

        Indexed(ServiceDescriptor d) {
            this(
                    d,
                    fold(String.join(
                            "\n",
                            d.id(),
                            d.leikaKey() == null ? "" : d.leikaKey(),
                            d.title().de(),
                            d.title().en(),
                            d.description().de(),
                            d.description().en())));
        }

        boolean matches(List<String> terms) {
            for (String term : terms) {
                if (!text.contains(term)) {
                    return false;
                }
            }
            return true;
        }
    }
}
