package org.amtsgang.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amtsgang.audit.api.AuditEntry;
import org.amtsgang.audit.api.AuditRecord;
import org.amtsgang.audit.api.Verification;
import org.amtsgang.identity.api.SecurityEvent;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/** The audit trail on EclipseLink and an in-memory Derby database with the bundle's own schema. */
public class AuditTrailComponentTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final DerbyJpa jpa = new DerbyJpa("audit", "/db/audit/V1__audit.sql");
    private final List<String> migrated = new ArrayList<>();
    private final AuditTrailComponent trail = new AuditTrailComponent(noBundleContext(), jpa, (area, bundle) -> {
        migrated.add(area);
        return 1;
    });

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void theComponentBringsTheAuditSchemaUpToDate() {
        assertThat(migrated).containsExactly("audit");
    }

    @Test
    public void entriesAreChainedInTheOrderAppended() {
        trail.append(record("r-1", "2026-AAAA-AAAA-0001", 1));
        trail.appendAll(List.of(record("r-2", "2026-AAAA-AAAA-0001", 2), record("r-3", "2026-AAAA-AAAA-0002", 3)));

        List<AuditEntry> first = trail.of("2026-AAAA-AAAA-0001");
        List<AuditEntry> second = trail.of("2026-AAAA-AAAA-0002");

        assertThat(first).extracting(AuditEntry::sequence).containsExactly(1L, 2L);
        assertThat(second).extracting(AuditEntry::sequence).containsExactly(3L);
        AuditEntry e1 = first.get(0);
        AuditEntry e2 = first.get(1);
        AuditEntry e3 = second.get(0);
        assertThat(e1.record()).isEqualTo(record("r-1", "2026-AAAA-AAAA-0001", 1));
        assertThat(e1.previousHash()).isEqualTo(Chain.GENESIS);
        assertThat(e1.hash()).isEqualTo(Chain.hash(Chain.GENESIS, 1, e1.record()));
        assertThat(e2.previousHash()).isEqualTo(e1.hash());
        assertThat(e2.hash()).isEqualTo(Chain.hash(e1.hash(), 2, e2.record()));
        assertThat(e3.previousHash()).isEqualTo(e2.hash());
        assertThat(trail.of("nobody")).isEmpty();
        assertThat(trail.verify()).isEqualTo(new Verification(true, 3, 0, null));
    }

    @Test
    public void recordsWhoseIdIsInTheTrailAreSkipped() {
        trail.appendAll(List.of(record("r-1", "s", 1), record("r-2", "s", 2)));

        trail.appendAll(
                List.of(record("r-2", "s", 2), record("r-3", "s", 3), record("r-1", "s", 1), record("r-4", "s", 4)));
        trail.append(record("r-3", "s", 3));
        // the same id again with other content: the first one stands
        trail.append(new AuditRecord("r-1", T0, "cases", "s", "mallory", "DECIDED", null, "APPROVED", "forged"));
        // twice in one batch
        trail.appendAll(List.of(record("r-5", "s", 5), record("r-5", "s", 5)));
        trail.appendAll(List.of());

        List<AuditEntry> entries = trail.of("s");
        assertThat(entries).extracting(e -> e.record().id()).containsExactly("r-1", "r-2", "r-3", "r-4", "r-5");
        assertThat(entries).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(entries.get(0).record().actor()).isEqualTo("sara");
        assertThat(jpa.count("SELECT COUNT(*) FROM AUDIT_ENTRY")).isEqualTo(5);
        assertThat(jpa.count("SELECT SEQ FROM AUDIT_HEAD WHERE ID = 1")).isEqualTo(5);
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    public void anEmptyTrailIsIntact() {
        assertThat(trail.verify()).isEqualTo(new Verification(true, 0, 0, null));
    }

    @Test
    public void aGoodChainIsIntact() {
        appendTen();

        assertThat(trail.verify()).isEqualTo(new Verification(true, 10, 0, null));
    }

    @Test
    public void aReasonChangedAfterwardsIsFoundAtItsEntry() {
        appendTen();

        assertThat(jpa.execute("UPDATE AUDIT_ENTRY SET REASON = 'Alles in Ordnung.' WHERE SEQ = 3"))
                .isEqualTo(1);

        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(3);
        assertThat(v.entries()).as("the entries before it are fine").isEqualTo(2);
        assertThat(v.problem()).contains("changed");
    }

    @Test
    public void aChangeToAnyColumnOfAnEntryIsFound() {
        appendTen();
        Map<String, String> tampering = Map.of(
                "RECORD_ID", "'r-x'",
                "AT_MILLIS", "AT_MILLIS + 1",
                "AREA", "'identity'",
                "SUBJECT", "'2026-ZZZZ-ZZZZ-ZZZZ'",
                "ACTOR", "'tom'",
                "ACTION", "'DECISION_CONFIRMED'",
                "FROM_STATE", "'NEEDS_INFO'",
                "TO_STATE", "'REJECTED'",
                "REASON", "NULL");
        for (Map.Entry<String, String> change : tampering.entrySet()) {
            String column = change.getKey();
            jpa.execute("CREATE TABLE SAVED AS SELECT * FROM AUDIT_ENTRY WITH NO DATA");
            jpa.execute("INSERT INTO SAVED SELECT * FROM AUDIT_ENTRY WHERE SEQ = 6");

            jpa.execute("UPDATE AUDIT_ENTRY SET " + column + " = " + change.getValue() + " WHERE SEQ = 6");
            Verification v = trail.verify();
            assertThat(v.intact()).as(column).isFalse();
            assertThat(v.firstBroken()).as(column).isEqualTo(6);

            jpa.execute("UPDATE AUDIT_ENTRY SET " + column + " = (SELECT " + column + " FROM SAVED) WHERE SEQ = 6");
            jpa.execute("DROP TABLE SAVED");
            assertThat(trail.verify().intact()).as("restored " + column).isTrue();
        }
    }

    @Test
    public void anEntryRehashedByTheTampererBreaksTheLinkToTheNext() {
        appendTen();
        AuditEntry third = trail.of("2026-AAAA-AAAA-0003").get(0);
        AuditRecord r = third.record();
        AuditRecord forged = new AuditRecord(
                r.id(), r.at(), r.area(), r.subject(), r.actor(), r.action(), r.from(), "REJECTED", r.reason());
        String rehashed = Chain.hash(third.previousHash(), 3, forged);

        jpa.execute("UPDATE AUDIT_ENTRY SET TO_STATE = 'REJECTED', HASH = '" + rehashed + "' WHERE SEQ = 3");

        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(4);
        assertThat(v.problem()).contains("previous hash");
    }

    @Test
    public void entriesCutOffTheEndAreReportedAsRemoved() {
        appendTen();

        assertThat(jpa.execute("DELETE FROM AUDIT_ENTRY WHERE SEQ >= 9")).isEqualTo(2);

        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.entries()).isEqualTo(8);
        assertThat(v.firstBroken()).isEqualTo(9);
        assertThat(v.problem()).contains("9").contains("10").contains("removed");
    }

    @Test
    public void aTrailEmptiedCompletelyIsReportedAsRemoved() {
        appendTen();

        jpa.execute("DELETE FROM AUDIT_ENTRY");

        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(1);
        assertThat(v.problem()).contains("removed");
    }

    @Test
    public void aMissingEntryInTheMiddleIsNamed() {
        appendTen();

        assertThat(jpa.execute("DELETE FROM AUDIT_ENTRY WHERE SEQ = 5")).isEqualTo(1);

        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(5);
        assertThat(v.entries()).isEqualTo(4);
        assertThat(v.problem()).contains("entry 5").contains("missing");
    }

    @Test
    public void aMissingFirstEntryIsNamed() {
        appendTen();

        jpa.execute("DELETE FROM AUDIT_ENTRY WHERE SEQ = 1");

        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(1);
        assertThat(v.entries()).isZero();
    }

    @Test
    public void aHeadThatDoesNotMatchTheLastEntryIsReported() {
        appendTen();

        jpa.execute("UPDATE AUDIT_HEAD SET SEQ = 8 WHERE ID = 1");

        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("head");
    }

    @Test
    public void entriesCutOffTogetherWithTheHeadAreReported() {
        appendTen();

        jpa.execute("DELETE FROM AUDIT_ENTRY WHERE SEQ >= 9");
        jpa.execute("DELETE FROM AUDIT_HEAD");

        assertThat(trail.verify().intact()).isFalse();
    }

    @Test
    public void appendingAfterARemovalDoesNotHideIt() {
        appendTen();
        jpa.execute("DELETE FROM AUDIT_ENTRY WHERE SEQ = 10");

        trail.append(record("r-11", "s", 11));

        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(10);
    }

    @Test
    public void aTrailLongerThanOnePageOfTheCheckIsVerifiedToTheEnd() {
        int total = 5_003;
        List<AuditRecord> batch = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            batch.add(record("r-" + i, "s-" + (i % 50), i));
            if (batch.size() == 500 || i == total) {
                trail.appendAll(batch);
                batch = new ArrayList<>();
            }
        }

        assertThat(trail.verify()).isEqualTo(new Verification(true, total, 0, null));

        jpa.execute("UPDATE AUDIT_ENTRY SET ACTOR = 'tom' WHERE SEQ = 5002");
        Verification v = trail.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBroken()).isEqualTo(5002);
        assertThat(v.entries()).isEqualTo(5001);
    }

    @Test
    public void concurrentWritersMakeOneUnbrokenChain() throws Exception {
        int writers = 8;
        int each = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        // every record is sent twice, as an outbox retrying might
                        AuditRecord r = record("w" + writer + "-" + i, "writer-" + writer, i);
                        trail.appendAll(List.of(r, record("w" + ((writer + 1) % writers) + "-" + i, "x", i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jpa.count("SELECT COUNT(*) FROM AUDIT_ENTRY")).isEqualTo(writers * each);
        assertThat(jpa.count("SELECT COUNT(DISTINCT RECORD_ID) FROM AUDIT_ENTRY"))
                .isEqualTo(writers * each);
        assertThat(trail.verify()).isEqualTo(new Verification(true, writers * each, 0, null));
    }

    @Test
    public void securityEventsOfTheIdentityAreaAreRecorded() {
        trail.onEvent(new SecurityEvent(
                T0, SecurityEvent.Type.LOGIN_FAILED, "anna", null, "203.0.113.7", Map.of("reason", "password")));
        trail.onEvent(new SecurityEvent(T0.plusSeconds(1), SecurityEvent.Type.LOGOUT, null, "system", null, Map.of()));

        assertThat(trail.of("anna")).singleElement().satisfies(e -> {
            AuditRecord r = e.record();
            assertThat(r.area()).isEqualTo("identity");
            assertThat(r.action()).isEqualTo("LOGIN_FAILED");
            assertThat(r.actor()).isEqualTo("-");
            assertThat(r.at()).isEqualTo(T0);
            assertThat(r.reason()).contains("address=203.0.113.7").contains("reason=password");
        });
        assertThat(trail.of("-")).singleElement().satisfies(e -> {
            assertThat(e.record().actor()).isEqualTo("system");
            assertThat(e.record().reason()).isEmpty();
        });
        assertThat(trail.verify().intact()).isTrue();
    }

    private void appendTen() {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            records.add(record("r-" + i, String.format("2026-AAAA-AAAA-%04d", i), i));
        }
        trail.appendAll(records.subList(0, 4));
        trail.appendAll(records.subList(4, 10));
        assertThat(trail.verify().intact()).isTrue();
    }

    static AuditRecord record(String id, String subject, int minute) {
        return new AuditRecord(
                id,
                T0.plusSeconds(60L * minute),
                "cases",
                subject,
                "sara",
                "DECIDED",
                "IN_REVIEW",
                "APPROVED",
                "Begründung " + id + ": Unterlagen vollständig, Gebühr 10,00 € – Größe ok.");
    }

    static BundleContext noBundleContext() {
        return (BundleContext) Proxy.newProxyInstance(
                BundleContext.class.getClassLoader(), new Class<?>[] {BundleContext.class}, (p, m, a) -> null);
    }
}
