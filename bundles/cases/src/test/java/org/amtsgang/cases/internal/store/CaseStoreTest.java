package org.amtsgang.cases.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Test;

/** Against EclipseLink and an in-memory Derby database with the bundle's own schema, as at runtime. */
public class CaseStoreTest {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final DerbyJpa jpa = new DerbyJpa("cases", "/db/cases/V1__cases.sql", "/db/cases/V2__file_document.sql");
    private final CaseStore store = new CaseStore(jpa);

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void aNewCaseIsStoredWithItsFirstStepAndOutboxEntry() {
        CaseEntity fresh = draft("anna", null);

        CaseStore.Created created = store.create(fresh, step("anna", "CREATED", null, CaseStatus.DRAFT));

        assertThat(created.replayed()).isFalse();
        assertThat(created.entity().version).as("the first version").isEqualTo(1);
        assertThat(store.find(fresh.id)).hasValueSatisfying(c -> {
            assertThat(c.status).isEqualTo("DRAFT");
            assertThat(c.assignee).isEmpty();
            assertThat(c.version).isEqualTo(1);
        });
        assertThat(store.history(fresh.id)).singleElement().satisfies(h -> {
            assertThat(h.caseVersion).isEqualTo(1);
            assertThat(h.action).isEqualTo("CREATED");
            assertThat(h.fromStatus).isNull();
            assertThat(h.toStatus).isEqualTo("DRAFT");
        });
        assertThat(rows("CASES_OUTBOX", fresh.id)).isEqualTo(1);
    }

    @Test
    public void theSameIdempotencyKeyReplaysTheFirstCase() {
        CaseEntity first = draft("anna", "key-1");
        store.create(first, step("anna", "CREATED", null, CaseStatus.DRAFT));

        CaseEntity again = draft("anna", "key-1");
        CaseStore.Created replay = store.create(again, step("anna", "CREATED", null, CaseStatus.DRAFT));

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.entity().id).isEqualTo(first.id);
        assertThat(replay.entity().requestHash).isEqualTo(first.requestHash);
        assertThat(store.find(again.id)).as("no second case").isEmpty();
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_CASE")).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_HISTORY")).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_OUTBOX")).isEqualTo(1);
        assertThat(store.byKey("anna", "key-1"))
                .hasValueSatisfying(c -> assertThat(c.id).isEqualTo(first.id));
    }

    @Test
    public void keysArePerApplicantAndCasesWithoutKeyAreAlwaysNew() {
        store.create(draft("anna", "key-1"), step("anna", "CREATED", null, CaseStatus.DRAFT));
        CaseStore.Created bert = store.create(draft("bert", "key-1"), step("bert", "CREATED", null, CaseStatus.DRAFT));
        store.create(draft("anna", null), step("anna", "CREATED", null, CaseStatus.DRAFT));
        store.create(draft("anna", null), step("anna", "CREATED", null, CaseStatus.DRAFT));

        assertThat(bert.replayed()).isFalse();
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_CASE")).isEqualTo(4);
        assertThat(store.byKey("bert", "key-1"))
                .hasValueSatisfying(c -> assertThat(c.applicant).isEqualTo("bert"));
        assertThat(store.byKey("carla", "key-1")).isEmpty();
    }

    @Test
    public void concurrentCreatesWithOneKeyStoreExactlyOneCase() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<CaseStore.Created>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            CaseEntity fresh = draft("anna", "race-key");
            tasks.add(() -> {
                start.await();
                return store.create(fresh, step("anna", "CREATED", null, CaseStatus.DRAFT));
            });
        }
        List<CaseStore.Created> results = runAll(tasks, start);

        assertThat(results).filteredOn(r -> !r.replayed()).hasSize(1);
        String winner = results.stream()
                .filter(r -> !r.replayed())
                .findFirst()
                .orElseThrow()
                .entity()
                .id;
        assertThat(results).allSatisfy(r -> assertThat(r.entity().id).isEqualTo(winner));
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_CASE")).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_HISTORY")).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_OUTBOX")).isEqualTo(1);
    }

    @Test
    public void everyChangeRaisesTheVersionAndWritesOneStepAndOneOutboxEntry() {
        CaseEntity c = created(draft("anna", null));

        CaseEntity submitted = store.update(
                c.id,
                1,
                e -> e.status = "SUBMITTED",
                new Step("anna", "SUBMITTED", CaseStatus.DRAFT, CaseStatus.SUBMITTED, null, true),
                List.of());
        CaseEntity reviewed = store.update(
                c.id,
                2,
                e -> {
                    e.status = "IN_REVIEW";
                    e.assignee = "sachbearbeiterin";
                },
                new Step("sachbearbeiterin", "ASSIGNED", CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, "assigned", true),
                List.of());

        assertThat(submitted.version).isEqualTo(2);
        assertThat(reviewed.version).isEqualTo(3);
        assertThat(store.find(c.id)).hasValueSatisfying(e -> {
            assertThat(e.status).isEqualTo("IN_REVIEW");
            assertThat(e.assignee).isEqualTo("sachbearbeiterin");
            assertThat(e.version).isEqualTo(3);
            assertThat(e.updatedAt).isGreaterThanOrEqualTo(c.updatedAt);
        });
        assertThat(store.history(c.id))
                .extracting(h -> h.caseVersion + ":" + h.actor + ":" + h.action + ":" + h.fromStatus + ">" + h.toStatus)
                .containsExactly(
                        "1:anna:CREATED:null>DRAFT",
                        "2:anna:SUBMITTED:DRAFT>SUBMITTED",
                        "3:sachbearbeiterin:ASSIGNED:SUBMITTED>IN_REVIEW");
        assertThat(rows("CASES_OUTBOX", c.id)).isEqualTo(3);
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_OUTBOX WHERE CASE_ID = '" + c.id
                        + "' AND ACTION = 'ASSIGNED' AND NOTIFY = 1 AND MESSAGE = 'assigned'"
                        + " AND FROM_STATUS = 'SUBMITTED' AND TO_STATUS = 'IN_REVIEW' AND DONE = 0"))
                .isEqualTo(1);
    }

    @Test
    public void aChangeToAnOlderVersionIsStaleAndLeavesNoTrace() {
        CaseEntity c = created(draft("anna", null));
        store.update(c.id, 1, e -> e.formData = "{\"a\":1}", step("anna", "DRAFT_SAVED", CaseStatus.DRAFT), List.of());

        assertThatThrownBy(() -> store.update(
                        c.id,
                        1,
                        e -> e.formData = "{\"a\":2}",
                        step("anna", "DRAFT_SAVED", CaseStatus.DRAFT),
                        List.of()))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(CaseException.Reason.STALE));

        assertThat(store.find(c.id)).hasValueSatisfying(e -> {
            assertThat(e.formData).isEqualTo("{\"a\":1}");
            assertThat(e.version).isEqualTo(2);
        });
        assertThat(store.history(c.id)).hasSize(2);
        assertThat(rows("CASES_OUTBOX", c.id)).isEqualTo(2);
    }

    @Test
    public void ofConcurrentChangesToOneVersionExactlyOneWins() throws Exception {
        CaseEntity c = created(draft("anna", null));
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String form = "{\"writer\":" + i + "}";
            tasks.add(() -> {
                start.await();
                try {
                    store.update(
                            c.id, 1, e -> e.formData = form, step("anna", "DRAFT_SAVED", CaseStatus.DRAFT), List.of());
                    return "won";
                } catch (CaseException e) {
                    return e.reason().name();
                }
            });
        }

        List<String> outcomes = runAll(tasks, start);

        assertThat(outcomes).filteredOn("won"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("STALE"::equals).hasSize(threads - 1);
        assertThat(store.find(c.id))
                .hasValueSatisfying(e -> assertThat(e.version).isEqualTo(2));
        assertThat(store.history(c.id)).extracting(h -> h.caseVersion).containsExactly(1L, 2L);
        assertThat(rows("CASES_OUTBOX", c.id)).isEqualTo(2);
    }

    @Test
    public void aStepThatCannotBeRecordedUndoesTheChange() {
        CaseEntity c = created(draft("anna", null));

        // ACTION is at most 40 characters: history and outbox refuse the step, at commit
        Step unrecordable = new Step("anna", "X".repeat(41), CaseStatus.DRAFT, CaseStatus.SUBMITTED, null, true);
        assertThatThrownBy(() -> store.update(c.id, 1, e -> e.status = "SUBMITTED", unrecordable, List.of()))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.find(c.id)).hasValueSatisfying(e -> {
            assertThat(e.status).isEqualTo("DRAFT");
            assertThat(e.version).isEqualTo(1);
        });
        assertThat(store.history(c.id)).hasSize(1);
        assertThat(rows("CASES_OUTBOX", c.id)).isEqualTo(1);
    }

    @Test
    public void aChangeThatFailsHalfwayLeavesNoTrace() {
        CaseEntity c = created(draft("anna", null));

        assertThatThrownBy(() -> store.update(
                        c.id,
                        1,
                        e -> {
                            e.status = "SUBMITTED";
                            throw new IllegalStateException("hook failed");
                        },
                        step("anna", "SUBMITTED", CaseStatus.DRAFT),
                        List.of()))
                .hasMessage("hook failed");

        assertThat(store.find(c.id))
                .hasValueSatisfying(e -> assertThat(e.status).isEqualTo("DRAFT"));
        assertThat(store.history(c.id)).hasSize(1);
        assertThat(rows("CASES_OUTBOX", c.id)).isEqualTo(1);
    }

    @Test
    public void aMissingCaseIsNotFound() {
        assertThatThrownBy(() ->
                        store.update("2026-0000-0000-0000", 1, e -> {}, step("anna", "X", CaseStatus.DRAFT), List.of()))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(CaseException.Reason.NOT_FOUND));
        assertThat(store.find("2026-0000-0000-0000")).isEmpty();
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_OUTBOX")).isZero();
    }

    @Test
    public void filesAreStoredWithTheirStepAndListedWithoutTheirContent() {
        CaseEntity c = created(draft("anna", null));
        FileEntity pdf = file(c.id, "a.pdf", new byte[] {'%', 'P', 'D', 'F', '-', '1'}, 10);
        FileEntity png = file(c.id, "b.png", new byte[] {1, 2, 3}, 20);

        store.update(c.id, 1, e -> {}, step("anna", "FILE_ATTACHED", CaseStatus.DRAFT), List.of(pdf));
        store.update(c.id, 2, e -> {}, step("anna", "FILE_ATTACHED", CaseStatus.DRAFT), List.of(png));

        assertThat(store.files(c.id)).extracting(f -> f.fileName).containsExactly("a.pdf", "b.png");
        assertThat(store.files(c.id)).allSatisfy(f -> assertThat(f.content).isNull());
        assertThat(store.files(c.id).get(0).size).isEqualTo(6);
        assertThat(store.file(c.id, pdf.id))
                .hasValueSatisfying(f -> assertThat(f.content).containsExactly('%', 'P', 'D', 'F', '-', '1'));
        assertThat(store.file("2026-9999-9999-9999", pdf.id))
                .as("only with its own case")
                .isEmpty();
        assertThat(store.countFiles(c.id, "ATTACHMENT")).isEqualTo(2);
        assertThat(store.countFiles(c.id, "NOTICE")).isZero();
        assertThat(store.history(c.id)).hasSize(3);
    }

    @Test
    public void removingAFileIsAStepAndAMissingFileChangesNothing() {
        CaseEntity c = created(draft("anna", null));
        FileEntity pdf = file(c.id, "a.pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, 10);
        store.update(c.id, 1, e -> {}, step("anna", "FILE_ATTACHED", CaseStatus.DRAFT), List.of(pdf));

        CaseEntity after = store.removeFile(c.id, 2, pdf.id, step("anna", "FILE_REMOVED", CaseStatus.DRAFT));

        assertThat(after.version).isEqualTo(3);
        assertThat(store.files(c.id)).isEmpty();
        assertThat(store.history(c.id)).extracting(h -> h.action).endsWith("FILE_REMOVED");

        assertThatThrownBy(() -> store.removeFile(c.id, 3, pdf.id, step("anna", "FILE_REMOVED", CaseStatus.DRAFT)))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(CaseException.Reason.NOT_FOUND));
        assertThat(store.history(c.id)).hasSize(3);
        assertThat(rows("CASES_OUTBOX", c.id)).isEqualTo(3);
    }

    @Test
    public void removingAFileFromAStaleVersionKeepsTheFile() {
        CaseEntity c = created(draft("anna", null));
        FileEntity pdf = file(c.id, "a.pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, 10);
        store.update(c.id, 1, e -> {}, step("anna", "FILE_ATTACHED", CaseStatus.DRAFT), List.of(pdf));

        assertThatThrownBy(() -> store.removeFile(c.id, 1, pdf.id, step("anna", "FILE_REMOVED", CaseStatus.DRAFT)))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(CaseException.Reason.STALE));
        assertThat(store.files(c.id)).hasSize(1);
    }

    @Test
    public void anApplicantsCasesAreNewestFirstAndOnlyTheirOwn() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            CaseEntity c = draft("anna", null);
            c.createdAt = 1_000_000L + i * 1000L;
            ids.add(created(c).id);
        }
        created(draft("bert", null));

        assertThat(store.ofApplicant("anna", 0, 3))
                .extracting(c -> c.id)
                .containsExactly(ids.get(4), ids.get(3), ids.get(2));
        assertThat(store.ofApplicant("anna", 3, 3)).extracting(c -> c.id).containsExactly(ids.get(1), ids.get(0));
        assertThat(store.ofApplicant("carla", 0, 3)).isEmpty();
    }

    // ---- helpers ----

    private long rows(String table, String caseId) {
        return jpa.count("SELECT COUNT(*) FROM " + table + " WHERE CASE_ID = '" + caseId + "'");
    }

    private CaseEntity created(CaseEntity fresh) {
        return store.create(fresh, step(fresh.applicant, "CREATED", null, CaseStatus.valueOf(fresh.status)))
                .entity();
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks, CountDownLatch start)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static Step step(String actor, String action, CaseStatus unchanged) {
        return new Step(actor, action, unchanged, unchanged, null, false);
    }

    static Step step(String actor, String action, CaseStatus from, CaseStatus to) {
        return new Step(actor, action, from, to, null, false);
    }

    static String nextId() {
        int n = IDS.incrementAndGet();
        return String.format("2026-TEST-%04d-%04d", n / 10_000, n % 10_000);
    }

    static CaseEntity draft(String applicant, String key) {
        CaseEntity c = new CaseEntity();
        c.id = nextId();
        c.serviceId = "buergeramt-meldebescheinigung";
        c.serviceVersion = "1.0.0";
        c.officeId = "buergeramt";
        c.applicant = applicant;
        c.applicantName = "Jürgen Groß";
        c.applicantEmail = applicant + "@example.org";
        c.status = "DRAFT";
        c.formData = "{}";
        c.createdAt = 1_772_000_000_000L;
        c.updatedAt = c.createdAt;
        c.feeCents = 1000;
        c.idempotencyKey = key;
        c.requestHash = key == null ? null : "hash-of-" + key;
        return c;
    }

    static FileEntity file(String caseId, String name, byte[] content, long addedAt) {
        FileEntity f = new FileEntity();
        f.id = java.util.UUID.randomUUID().toString();
        f.caseId = caseId;
        f.kind = "ATTACHMENT";
        f.fileName = name;
        f.contentType = "application/pdf";
        f.size = content.length;
        f.sha256 = "0".repeat(64);
        f.addedAt = addedAt;
        f.addedBy = "anna";
        f.content = content;
        return f;
    }
}
