package org.amtsgang.cases.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The staff inbox's search, on Derby: filters, and the order of due date then id across pages. */
public class CaseStoreSearchTest {

    private static final long DAY = 86_400_000L;
    private static final long T = 1_772_000_000_000L;
    private static final String MELDE = "buergeramt-meldebescheinigung";
    private static final String ANMELDUNG = "buergeramt-anmeldung";
    private static final List<CaseStatus> ALL_BUT_DRAFTS =
            List.copyOf(EnumSet.complementOf(EnumSet.of(CaseStatus.DRAFT)));
    private static final List<CaseStatus> UNDECIDED =
            List.of(CaseStatus.SUBMITTED, CaseStatus.AWAITING_PAYMENT, CaseStatus.IN_REVIEW, CaseStatus.NEEDS_INFO);

    private final DerbyJpa jpa = new DerbyJpa("cases", "/db/cases/V1__cases.sql", "/db/cases/V2__file_document.sql");
    private final CaseStore store = new CaseStore(jpa);

    @Before
    public void cases() {
        add("2026-0000-0000-0001", "buergeramt", CaseStatus.SUBMITTED, MELDE, "", -20, -1);
        add("2026-0000-0000-0002", "buergeramt", CaseStatus.IN_REVIEW, MELDE, "anna", -15, 3);
        add("2026-0000-0000-0003", "buergeramt", CaseStatus.IN_REVIEW, ANMELDUNG, "", -2, 3);
        add("2026-0000-0000-0004", "buergeramt", CaseStatus.NEEDS_INFO, MELDE, "bert", -30, -5);
        add("2026-0000-0000-0005", "buergeramt", CaseStatus.APPROVED, MELDE, "anna", -40, -10);
        add("2026-0000-0000-0006", "buergeramt", CaseStatus.DRAFT, MELDE, "", null, null);
        add("2026-0000-0000-0007", "steueramt", CaseStatus.SUBMITTED, "steueramt-hundesteuer-anmeldung", "", -20, -2);
        add("2026-0000-0000-0008", "buergeramt", CaseStatus.AWAITING_PAYMENT, ANMELDUNG, "", -1, 20);
        add("2026-0000-0000-0009", "buergeramt", CaseStatus.IN_REVIEW, MELDE, "anna", -3, 3);
        // a draft its applicant withdrew: never submitted, so without a due date
        add("2026-0000-0000-0010", "buergeramt", CaseStatus.WITHDRAWN, MELDE, "", null, null);
    }

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void anOfficeSeesItsCasesInOrderOfDueDateThenIdWithoutDueDatesLast() {
        assertThat(ids(search("buergeramt", ALL_BUT_DRAFTS, null, null, null, null)))
                .containsExactly("0005", "0004", "0001", "0002", "0003", "0009", "0008", "0010");
        assertThat(ids(search("steueramt", ALL_BUT_DRAFTS, null, null, null, null)))
                .containsExactly("0007");
        assertThat(ids(search("ordnungsamt", ALL_BUT_DRAFTS, null, null, null, null)))
                .isEmpty();
    }

    @Test
    public void onlyTheStatusesAskedForAreFound() {
        assertThat(ids(search("buergeramt", List.of(CaseStatus.IN_REVIEW), null, null, null, null)))
                .containsExactly("0002", "0003", "0009");
        assertThat(ids(search(
                        "buergeramt", List.of(CaseStatus.SUBMITTED, CaseStatus.NEEDS_INFO), null, null, null, null)))
                .containsExactly("0004", "0001");
        assertThat(ids(search("buergeramt", List.of(CaseStatus.DRAFT), null, null, null, null)))
                .containsExactly("0006");
        assertThat(search("buergeramt", List.of(), null, null, null, null)).isEmpty();
    }

    @Test
    public void byService() {
        assertThat(ids(search("buergeramt", ALL_BUT_DRAFTS, MELDE, null, null, null)))
                .containsExactly("0005", "0004", "0001", "0002", "0009", "0010");
        assertThat(ids(search("buergeramt", ALL_BUT_DRAFTS, ANMELDUNG, null, null, null)))
                .containsExactly("0003", "0008");
        assertThat(search("buergeramt", ALL_BUT_DRAFTS, "steueramt-hundesteuer-anmeldung", null, null, null))
                .as("the office filter holds with a service of another office")
                .isEmpty();
    }

    @Test
    public void byAssigneeWithTheEmptyTextForUnassignedCases() {
        assertThat(ids(search("buergeramt", ALL_BUT_DRAFTS, null, "anna", null, null)))
                .containsExactly("0005", "0002", "0009");
        assertThat(ids(search("buergeramt", ALL_BUT_DRAFTS, null, "bert", null, null)))
                .containsExactly("0004");
        assertThat(ids(search("buergeramt", ALL_BUT_DRAFTS, null, "", null, null)))
                .containsExactly("0001", "0003", "0008", "0010");
        assertThat(search("buergeramt", ALL_BUT_DRAFTS, null, "carla", null, null))
                .isEmpty();
    }

    @Test
    public void olderThanCountsFromTheSubmission() {
        assertThat(ids(search("buergeramt", ALL_BUT_DRAFTS, null, null, T - 15 * DAY, null)))
                .as("submitted 15 days ago or earlier")
                .containsExactly("0005", "0004", "0001", "0002");
        assertThat(ids(search("buergeramt", ALL_BUT_DRAFTS, null, null, T - 41 * DAY, null)))
                .isEmpty();
    }

    @Test
    public void overdueCasesArePastTheirDueMoment() {
        assertThat(ids(search("buergeramt", UNDECIDED, null, null, null, T))).containsExactly("0004", "0001");
        assertThat(ids(search("buergeramt", UNDECIDED, null, null, null, T + 3 * DAY)))
                .as("due at exactly that moment is not yet overdue")
                .containsExactly("0004", "0001");
        assertThat(ids(search("buergeramt", UNDECIDED, null, null, null, T + 3 * DAY + 1)))
                .containsExactly("0004", "0001", "0002", "0003", "0009");
    }

    @Test
    public void filtersCombine() {
        assertThat(ids(search(
                        "buergeramt",
                        List.of(CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.NEEDS_INFO),
                        MELDE,
                        "",
                        null,
                        null)))
                .containsExactly("0001");
        assertThat(ids(search("buergeramt", UNDECIDED, MELDE, "anna", T - 3 * DAY, T + 4 * DAY)))
                .containsExactly("0002", "0009");
    }

    @Test
    public void pagesFollowOneAnotherWithoutGapOrRepeat() {
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 10; offset += 3) {
            paged.addAll(ids(store.search(
                    new CaseStore.Search("buergeramt", ALL_BUT_DRAFTS, null, null, null, null, offset, 3))));
        }
        assertThat(paged).containsExactly("0005", "0004", "0001", "0002", "0003", "0009", "0008", "0010");
        assertThat(store.search(new CaseStore.Search("buergeramt", ALL_BUT_DRAFTS, null, null, null, null, 50, 3)))
                .isEmpty();
    }

    @Test
    public void manyCasesInManyStatusesPageInOneGlobalOrder() {
        Random random = new Random(4);
        List<CaseStatus> statuses =
                List.of(CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.NEEDS_INFO, CaseStatus.WITHDRAWN);
        for (int i = 0; i < 120; i++) {
            CaseStatus status = statuses.get(random.nextInt(statuses.size()));
            // few distinct due days, so that many ties are broken by the id; some without a due date
            Integer due = status == CaseStatus.WITHDRAWN && random.nextInt(3) == 0 ? null : random.nextInt(6);
            add(
                    String.format("2026-PAGE-%04d-%04d", random.nextInt(10_000), i),
                    "ordnungsamt",
                    status,
                    "ordnungsamt-x",
                    i % 3 == 0 ? "" : "anna",
                    -10,
                    due);
        }
        List<CaseEntity> all =
                store.search(new CaseStore.Search("ordnungsamt", statuses, null, null, null, null, 0, 1000));
        assertThat(all).hasSize(120);
        List<CaseEntity> expected = new ArrayList<>(all);
        expected.sort(Comparator.<CaseEntity>comparingLong(c -> c.dueAt == null ? Long.MAX_VALUE : c.dueAt)
                .thenComparing(c -> c.id));
        assertThat(ids(all)).isEqualTo(ids(expected));

        for (int size : new int[] {1, 7, 25}) {
            List<String> paged = new ArrayList<>();
            for (int offset = 0; offset < 130; offset += size) {
                List<CaseEntity> page = store.search(
                        new CaseStore.Search("ordnungsamt", statuses, null, null, null, null, offset, size));
                assertThat(page.size()).isLessThanOrEqualTo(size);
                paged.addAll(ids(page));
            }
            assertThat(paged).as("pages of %d", size).isEqualTo(ids(expected));
        }
    }

    private List<CaseEntity> search(
            String office,
            List<CaseStatus> statuses,
            String service,
            String assignee,
            Long submittedBefore,
            Long dueBefore) {
        return store.search(
                new CaseStore.Search(office, statuses, service, assignee, submittedBefore, dueBefore, 0, 100));
    }

    private static List<String> ids(List<CaseEntity> cases) {
        return cases.stream()
                .map(c -> c.id.startsWith("2026-0000-0000-") ? c.id.substring(15) : c.id)
                .toList();
    }

    private void add(
            String id,
            String office,
            CaseStatus status,
            String service,
            String assignee,
            Integer submittedDays,
            Integer dueDays) {
        CaseEntity c = CaseStoreTest.draft("applicant-" + id, null);
        c.id = id;
        c.officeId = office;
        c.status = status.name();
        c.serviceId = service;
        c.assignee = assignee;
        c.submittedAt = submittedDays == null ? null : T + submittedDays * DAY;
        c.dueAt = dueDays == null ? null : T + dueDays * DAY;
        store.create(c, new Step("test", "CREATED", null, status, null, false));
    }
}
