package org.amtsgang.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.amtsgang.audit.api.AuditEntry;
import org.amtsgang.audit.api.AuditRecord;
import org.amtsgang.audit.api.AuditTrail;
import org.amtsgang.audit.api.Verification;
import org.amtsgang.identity.api.SecurityEvent;
import org.amtsgang.identity.api.SecurityEventListener;
import org.amtsgang.persistence.api.SchemaMigrations;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The audit trail in the database. Appends take the head row's lock, so that entries are chained
 * one after the other even with several writers; security events of the identity area are recorded
 * here too.
 */
@Component(service = {AuditTrail.class, SecurityEventListener.class})
public final class AuditTrailComponent implements AuditTrail, SecurityEventListener {

    private static final int PAGE = 5_000;

    private final JpaTemplate jpa;

    @Activate
    public AuditTrailComponent(
            BundleContext context,
            @Reference(target = "(osgi.unit.name=audit)") JpaTemplate jpa,
            @Reference SchemaMigrations migrations) {
        migrations.migrate("audit", context.getBundle());
        this.jpa = jpa;
    }

    @Override
    public void append(AuditRecord record) {
        appendAll(List.of(record));
    }

    @Override
    public void appendAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        jpa.tx(TransactionType.Required, em -> {
            AuditHeadEntity head = em.find(AuditHeadEntity.class, 1, LockModeType.PESSIMISTIC_WRITE);
            if (head == null) {
                throw new IllegalStateException(
                        "The audit trail's head record is missing: nothing is appended to a damaged trail."
                                + " Run amtsgang:audit-verify.");
            }
            Set<String> present = present(em, records);
            for (AuditRecord record : records) {
                if (!present.add(record.id())) {
                    continue; // appended before: an outbox delivering twice adds nothing
                }
                long seq = head.seq + 1;
                String hash = Chain.hash(head.hash, seq, record);
                em.persist(entity(seq, record, head.hash, hash));
                head.seq = seq;
                head.hash = hash;
            }
        });
    }

    @Override
    public List<AuditEntry> of(String subject) {
        return jpa.txExpr(TransactionType.Required, em -> em
                .createQuery(
                        "SELECT e FROM AuditEntryEntity e WHERE e.subject = :subject ORDER BY e.seq",
                        AuditEntryEntity.class)
                .setParameter("subject", subject)
                .getResultList()
                .stream()
                .map(AuditTrailComponent::entry)
                .toList());
    }

    @Override
    public Verification verify() {
        String previous = Chain.GENESIS;
        long expected = 1;
        while (true) {
            final long from = expected;
            List<AuditEntryEntity> page = jpa.txExpr(TransactionType.Required, em -> em.createQuery(
                            "SELECT e FROM AuditEntryEntity e WHERE e.seq >= :from ORDER BY e.seq",
                            AuditEntryEntity.class)
                    .setParameter("from", from)
                    .setMaxResults(PAGE)
                    .getResultList());
            if (page.isEmpty()) {
                return tail(expected - 1, previous);
            }
            for (AuditEntryEntity e : page) {
                String problem = null;
                if (e.seq != expected) {
                    problem = "entry " + expected + " is missing";
                } else if (!e.prevHash.equals(previous)) {
                    problem = "does not follow the entry before it (previous hash differs)";
                } else if (!e.hash.equals(Chain.hash(previous, e.seq, entry(e).record()))) {
                    problem = "its content was changed after it was appended (hash differs)";
                }
                if (problem != null) {
                    return new Verification(false, expected - 1, e.seq != expected ? expected : e.seq, problem);
                }
                previous = e.hash;
                expected++;
            }
        }
    }

    /** The end of the chain must be where the head says: else entries were cut off the end. */
    private Verification tail(long last, String lastHash) {
        AuditHeadEntity head = jpa.txExpr(TransactionType.Required, em -> em.find(AuditHeadEntity.class, 1));
        if (head == null) {
            return last == 0
                    ? new Verification(true, 0, 0, null)
                    : new Verification(false, last, last, "the record of the chain's last entry (its head) is missing");
        }
        if (head.seq == last && head.hash.equals(lastHash)) {
            return new Verification(true, last, 0, null);
        }
        if (head.seq > last) {
            return new Verification(
                    false, last, last + 1, "entries " + (last + 1) + " to " + head.seq + " were removed from the end");
        }
        return new Verification(false, last, head.seq, "the chain's recorded head differs from its last entry");
    }

    @Override
    public void onEvent(SecurityEvent event) {
        append(new AuditRecord(
                UUID.randomUUID().toString(),
                event.time(),
                "identity",
                event.subject() == null ? "-" : event.subject(),
                event.actor() == null ? "-" : event.actor(),
                event.type().name(),
                null,
                null,
                details(event)));
    }

    private static String details(SecurityEvent event) {
        Map<String, String> details = event.details();
        String address = event.clientAddress() == null ? "" : "address=" + event.clientAddress();
        return details.isEmpty() ? address : (address + " " + details).trim();
    }

    private static Set<String> present(EntityManager em, List<AuditRecord> records) {
        List<String> ids = new ArrayList<>();
        records.forEach(r -> ids.add(r.id()));
        return new HashSet<>(
                em.createQuery("SELECT e.recordId FROM AuditEntryEntity e WHERE e.recordId IN :ids", String.class)
                        .setParameter("ids", ids)
                        .getResultList());
    }

    private static AuditEntryEntity entity(long seq, AuditRecord r, String previous, String hash) {
        AuditEntryEntity e = new AuditEntryEntity();
        e.seq = seq;
        e.recordId = r.id();
        e.atMillis = r.at().toEpochMilli();
        e.area = r.area();
        e.subject = r.subject();
        e.actor = r.actor();
        e.action = r.action();
        e.fromState = r.from();
        e.toState = r.to();
        e.reason = r.reason();
        e.prevHash = previous;
        e.hash = hash;
        return e;
    }

    private static AuditEntry entry(AuditEntryEntity e) {
        return new AuditEntry(
                e.seq,
                new AuditRecord(
                        e.recordId,
                        Instant.ofEpochMilli(e.atMillis),
                        e.area,
                        e.subject,
                        e.actor,
                        e.action,
                        e.fromState,
                        e.toState,
                        e.reason),
                e.prevHash,
                e.hash);
    }
}
