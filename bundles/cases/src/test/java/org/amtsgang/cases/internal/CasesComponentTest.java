package org.amtsgang.cases.internal;

import static org.amtsgang.cases.internal.Platform.ANNA;
import static org.amtsgang.cases.internal.Platform.BERT;
import static org.amtsgang.cases.internal.Platform.HUNDESTEUER;
import static org.amtsgang.cases.internal.Platform.MELDEBESCHEINIGUNG;
import static org.amtsgang.cases.internal.Platform.OLGA;
import static org.amtsgang.cases.internal.Platform.OPERATOR;
import static org.amtsgang.cases.internal.Platform.SARA;
import static org.amtsgang.cases.internal.Platform.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.CaseException.Reason;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseDocument;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.CreatedCase;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.cases.api.dto.FieldError;
import org.amtsgang.cases.api.dto.HistoryEntry;
import org.amtsgang.cases.api.dto.InboxQuery;
import org.amtsgang.cases.api.dto.NewApplication;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.test.support.DerbyJpa;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.After;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

/**
 * The case service end to end without OSGi: the real component, office hooks and outbox dispatcher
 * on Derby, with the catalogue, offices and accounts written after their APIs.
 */
public class CasesComponentTest {

    static final String FORM =
            """
            {"hund": {"name": "Bello", "rasse": "Dackel", "geburtsjahr": 2020}, "haltungSeit": "2026-02-01"}""";

    private final DerbyJpa jpa = new DerbyJpa("cases", "/db/cases/V1__cases.sql", "/db/cases/V2__file_document.sql");
    private final List<String> migrated = new ArrayList<>();
    private final Platform.Catalog catalog = new Platform.Catalog();
    private final OfficeHooks hooks = new OfficeHooks();
    private final OutboxDispatcher outbox = new OutboxDispatcher(
            Platform.noBundleContext(),
            TestConfigs.cases(Map.of()),
            jpa,
            (area, bundle) -> {
                migrated.add(area);
                return 1;
            },
            catalog,
            hooks);
    private final CasesComponent cases = new CasesComponent(
            Platform.noBundleContext(),
            TestConfigs.cases(Map.of()),
            jpa,
            (area, bundle) -> {
                migrated.add(area);
                return 1;
            },
            catalog,
            new Platform.AccountList(),
            hooks,
            new Platform.Offices(),
            outbox);

    @After
    public void close() throws InterruptedException {
        outbox.deactivate();
        jpa.close();
    }

    @Test
    public void bothComponentsBringTheCasesSchemaUpToDate() {
        assertThat(migrated).containsExactly("cases", "cases");
    }

    @Test
    public void aCitizenHandsInAnApplication() {
        CreatedCase created = cases.create(ANNA, new NewApplication(HUNDESTEUER, FORM, true), null);

        CaseView view = created.view();
        assertThat(created.replayed()).isFalse();
        assertThat(CaseIds.plausible(view.id())).isTrue();
        assertThat(view.status()).isEqualTo(CaseStatus.SUBMITTED);
        assertThat(view.officeId()).isEqualTo("steueramt");
        assertThat(view.applicant()).isEqualTo("anna");
        assertThat(view.applicantName()).isEqualTo("Jürgen Groß");
        assertThat(view.submittedAt()).isNotNull();
        assertThat(view.dueDate()).isNotNull();
        assertThat(view.decision()).isNull();
        assertThat(Platform.json(view.formData())).isEqualTo(Platform.json(FORM));
        assertThat(cases.history(ANNA, view.id()))
                .extracting(HistoryEntry::action)
                .containsExactly("SUBMITTED");
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_OUTBOX WHERE CASE_ID = '" + view.id() + "'"))
                .isEqualTo(1);
    }

    // ---- only staff decide ----

    @Test
    public void aCitizenCannotDecideOrDoAnyStaffWorkNotEvenOnTheirOwnCase() {
        String id = inReview();

        for (Caller citizen : List.of(ANNA, BERT)) {
            assertRefused(() -> cases.decide(citizen, id, DecisionKind.APPROVE, "I approve myself"), Reason.FORBIDDEN);
            assertRefused(() -> cases.decide(citizen, id, DecisionKind.REJECT, "no"), Reason.FORBIDDEN);
            assertRefused(() -> cases.confirm(citizen, id), Reason.FORBIDDEN);
            assertRefused(() -> cases.close(citizen, id), Reason.FORBIDDEN);
            assertRefused(() -> cases.assign(citizen, id, null), Reason.FORBIDDEN);
            assertRefused(() -> cases.requestInformation(citizen, id, "?"), Reason.FORBIDDEN);
            assertRefused(() -> cases.recommendations(citizen, id), Reason.FORBIDDEN);
            assertRefused(() -> cases.inbox(citizen, query("steueramt")), Reason.FORBIDDEN);
        }
        // an operator runs the platform and decides nothing
        assertRefused(() -> cases.decide(OPERATOR, id, DecisionKind.APPROVE, "ok"), Reason.FORBIDDEN);
        assertRefused(() -> cases.confirm(OPERATOR, id), Reason.FORBIDDEN);
        assertRefused(() -> cases.decide(null, id, DecisionKind.APPROVE, "ok"), Reason.FORBIDDEN);

        CaseView after = cases.get(ANNA, id);
        assertThat(after.status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(after.decision()).isNull();
        assertThat(cases.files(ANNA, id)).isEmpty();
    }

    @Test
    public void staffOfAnotherOfficeDoNotFindTheCase() {
        String id = inReview();

        assertRefused(() -> cases.get(OLGA, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.history(OLGA, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.files(OLGA, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.notice(OLGA, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.decide(OLGA, id, DecisionKind.APPROVE, "ok"), Reason.NOT_FOUND);
        assertRefused(() -> cases.assign(OLGA, id, null), Reason.NOT_FOUND);
        assertRefused(() -> cases.requestInformation(OLGA, id, "?"), Reason.NOT_FOUND);
        assertRefused(() -> cases.close(OLGA, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.inbox(OLGA, query("steueramt")), Reason.FORBIDDEN);
        assertThat(cases.inbox(OLGA, query("buergeramt")).items()).isEmpty();

        assertThat(cases.get(SARA, id).status()).isEqualTo(CaseStatus.IN_REVIEW);
    }

    @Test
    public void nobodyButTheApplicantSeesADraft() {
        String id = cases.create(ANNA, new NewApplication(HUNDESTEUER, "{}", false), null)
                .view()
                .id();

        assertThat(cases.get(ANNA, id).status()).isEqualTo(CaseStatus.DRAFT);
        assertRefused(() -> cases.get(SARA, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.assign(SARA, id, null), Reason.NOT_FOUND);
        assertRefused(() -> cases.get(BERT, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.submit(BERT, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.get(null, id), Reason.NOT_FOUND);
        assertThat(cases.inbox(SARA, query("steueramt")).items()).isEmpty();
        assertRefused(() -> cases.get(ANNA, "no-such-case"), Reason.NOT_FOUND);
        assertRefused(() -> cases.get(ANNA, "2026-0000-0000-0000"), Reason.NOT_FOUND);
    }

    @Test
    public void aMemberOfStaffDecidesAloneWhereNoSecondPairOfEyesIsRequired() throws IOException {
        String id = submitted();
        assertRefused(() -> cases.decide(SARA, id, DecisionKind.APPROVE, "ok"), Reason.CONFLICT);
        cases.assign(SARA, id, null);
        assertRefused(() -> cases.decide(SARA, id, DecisionKind.APPROVE, " "), Reason.BAD_REQUEST);

        CaseView decided = cases.decide(SARA, id, DecisionKind.APPROVE, "Steuermarke folgt per Post.");

        assertThat(decided.status()).isEqualTo(CaseStatus.APPROVED);
        assertThat(decided.decision().kind()).isEqualTo(DecisionKind.APPROVE);
        assertThat(decided.decision().decidedBy()).isEqualTo("sara");
        assertThat(decided.decision().confirmedBy()).isNull();
        CaseDocument notice = cases.notice(ANNA, id).orElseThrow();
        assertThat(notice.info().kind()).isEqualTo(AttachmentInfo.Kind.NOTICE);
        assertThat(notice.info().contentType()).isEqualTo("application/pdf");
        assertThat(text(notice.content()))
                .contains("Stadt Musterstadt")
                .contains("Steueramt")
                .contains("An: Jürgen Groß")
                .contains("Aktenzeichen: " + id)
                .contains("Hundesteuer – Anmeldung eines Hundes")
                .contains("wird stattgegeben")
                .contains("Hinweise: Steuermarke folgt per Post.")
                .doesNotContain("Vier-Augen-Prinzip");

        // the applicant sees the office's decision, not who in it took it
        CaseView seen = cases.get(ANNA, id);
        assertThat(seen.decision().decidedBy()).isEqualTo("steueramt");
        assertThat(seen.assignee()).isNull();
        assertThat(cases.history(ANNA, id))
                .extracting(HistoryEntry::actor)
                .containsExactly("anna", "steueramt", "steueramt");
        assertThat(cases.history(SARA, id)).extracting(HistoryEntry::actor).containsExactly("anna", "sara", "sara");

        assertRefused(() -> cases.decide(TOM, id, DecisionKind.REJECT, "doch nicht"), Reason.CONFLICT);
        assertThat(cases.close(TOM, id).status()).isEqualTo(CaseStatus.CLOSED);
        assertThat(cases.get(ANNA, id).decision().kind())
                .as("still shown once closed")
                .isEqualTo(DecisionKind.APPROVE);
    }

    @Test
    public void aRejectionCarriesItsReasonOnTheNotice() throws IOException {
        String id = inReview();

        CaseView rejected = cases.decide(SARA, id, DecisionKind.REJECT, "Der Hund ist nicht gemeldet.");

        assertThat(rejected.status()).isEqualTo(CaseStatus.REJECTED);
        assertThat(text(cases.notice(ANNA, id).orElseThrow().content()))
                .contains("Ablehnungsbescheid")
                .contains("wird abgelehnt")
                .contains("Begründung: Der Hund ist nicht gemeldet.");
    }

    @Test
    public void anApplicantWhoseNameTheFontCannotPrintStillGetsADecision() {
        Caller zhang = Platform.citizen("zhang", "张伟", TrustLevel.BASIS);
        String id = cases.create(zhang, new NewApplication(HUNDESTEUER, FORM, true), null)
                .view()
                .id();
        cases.assign(SARA, id, null);

        assertThat(cases.decide(SARA, id, DecisionKind.APPROVE, "ok").status()).isEqualTo(CaseStatus.APPROVED);
        assertThat(cases.notice(zhang, id)).isPresent();
    }

    // ---- four eyes ----

    @Test
    public void underTheFourEyesRuleTheProposerCannotConfirmButASecondMemberOfStaffCan() throws IOException {
        fourEyes();
        String id = inReview();

        CaseView proposed = cases.decide(SARA, id, DecisionKind.APPROVE, "Alles vollständig.");

        assertThat(proposed.status()).as("not decided yet").isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(proposed.decision().decidedBy()).isEqualTo("sara");
        assertThat(proposed.decision().confirmedBy()).isNull();
        assertThat(cases.get(ANNA, id).decision())
                .as("a proposal is no decision for the applicant")
                .isNull();
        assertThat(cases.history(ANNA, id)).extracting(HistoryEntry::action).doesNotContain("DECISION_PROPOSED");
        assertThat(cases.notice(ANNA, id)).isEmpty();

        assertRefused(() -> cases.confirm(SARA, id), Reason.CONFLICT);
        assertRefused(() -> cases.confirm(OLGA, id), Reason.NOT_FOUND);
        assertRefused(() -> cases.confirm(ANNA, id), Reason.FORBIDDEN);
        assertThat(cases.get(SARA, id).status()).isEqualTo(CaseStatus.IN_REVIEW);

        CaseView confirmed = cases.confirm(TOM, id);

        assertThat(confirmed.status()).isEqualTo(CaseStatus.APPROVED);
        assertThat(confirmed.decision().decidedBy()).isEqualTo("sara");
        assertThat(confirmed.decision().confirmedBy()).isEqualTo("tom");
        assertThat(confirmed.decision().reason()).isEqualTo("Alles vollständig.");
        assertThat(text(cases.notice(ANNA, id).orElseThrow().content())).contains("Vier-Augen-Prinzip");
        assertThat(cases.history(SARA, id))
                .extracting(HistoryEntry::action)
                .containsExactly("SUBMITTED", "ASSIGNED", "DECISION_PROPOSED", "DECISION_CONFIRMED");
        assertRefused(() -> cases.confirm(TOM, id), Reason.CONFLICT);
    }

    @Test
    public void underTheFourEyesRuleThereIsNothingToConfirmWithoutAProposal() {
        fourEyes();
        String id = inReview();

        assertRefused(() -> cases.confirm(TOM, id), Reason.CONFLICT);
    }

    @Test
    public void aWithdrawnApplicationLeavesNoProposalToConfirm() {
        fourEyes();
        String id = inReview();
        cases.decide(SARA, id, DecisionKind.REJECT, "Unvollständig.");

        CaseView withdrawn = cases.withdraw(ANNA, id, "Hund abgegeben");

        assertThat(withdrawn.status()).isEqualTo(CaseStatus.WITHDRAWN);
        assertThat(cases.get(SARA, id).decision()).isNull();
        assertRefused(() -> cases.confirm(TOM, id), Reason.CONFLICT);
        assertThat(cases.get(SARA, id).status()).isEqualTo(CaseStatus.WITHDRAWN);
    }

    // ---- the applicant's side ----

    @Test
    public void aRepeatedRequestWithTheSameKeyIsAnsweredWithTheSameCase() {
        CreatedCase first = cases.create(ANNA, new NewApplication(HUNDESTEUER, FORM, true), "key-1");
        String reordered =
                """
                {"haltungSeit": "2026-02-01", "hund": {"geburtsjahr": 2020, "rasse": "Dackel", "name": "Bello"}}""";

        CreatedCase again = cases.create(ANNA, new NewApplication(HUNDESTEUER, reordered, true), "key-1");

        assertThat(again.replayed()).isTrue();
        assertThat(again.view().id()).isEqualTo(first.view().id());
        assertRefused(
                () -> cases.create(ANNA, new NewApplication(HUNDESTEUER, FORM.replace("Bello", "Rex"), true), "key-1"),
                Reason.KEY_REUSED);
        assertRefused(
                () -> cases.create(ANNA, new NewApplication(HUNDESTEUER, FORM, false), "key-1"), Reason.KEY_REUSED);
        assertThat(cases.create(BERT, new NewApplication(HUNDESTEUER, FORM, true), "key-1")
                        .replayed())
                .as("keys are per applicant")
                .isFalse();
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_CASE")).isEqualTo(2);
        assertRefused(
                () -> cases.create(ANNA, new NewApplication(HUNDESTEUER, FORM, true), "bad key"), Reason.BAD_REQUEST);
    }

    @Test
    public void concurrentRequestsWithOneKeyMakeOneCase() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<CreatedCase> results = new ArrayList<>();
        try {
            List<Future<CreatedCase>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return cases.create(ANNA, new NewApplication(HUNDESTEUER, FORM, true), "double-click");
                }));
            }
            start.countDown();
            for (Future<CreatedCase> future : futures) {
                results.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(results).filteredOn(r -> !r.replayed()).hasSize(1);
        assertThat(results)
                .extracting(r -> r.view().id())
                .containsOnly(results.get(0).view().id());
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_CASE")).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_HISTORY")).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_OUTBOX")).isEqualTo(1);
    }

    @Test
    public void anInvalidFormIsRefusedOnSubmissionWithEveryProblem() {
        String invalid = "{\"hund\": {\"name\": \"Bello\", \"geburtsjahr\": 1800}}";

        assertThatThrownBy(() -> cases.create(ANNA, new NewApplication(HUNDESTEUER, invalid, true), null))
                .isInstanceOfSatisfying(CaseException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.errors())
                            .extracting(FieldError::pointer)
                            .containsExactly("/haltungSeit", "/hund/geburtsjahr", "/hund/rasse");
                });
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_CASE")).isZero();

        // a draft may be incomplete, but it is checked when handed in
        String draft = cases.create(ANNA, new NewApplication(HUNDESTEUER, invalid, false), null)
                .view()
                .id();
        assertRefused(() -> cases.submit(ANNA, draft), Reason.INVALID);
        cases.updateDraft(ANNA, draft, FORM, cases.get(ANNA, draft).version());
        assertThat(cases.submit(ANNA, draft).status()).isEqualTo(CaseStatus.SUBMITTED);
        assertRefused(() -> cases.create(ANNA, new NewApplication(HUNDESTEUER, "[1]", false), null), Reason.INVALID);
    }

    @Test
    public void aServicePaidFirstWaitsForItsFeeAndOnlyThePaymentLetsTheReviewStart() {
        String form = "{\"art\": \"einfach\", \"zustellung\": \"download\"}";
        String id = cases.create(BERT, new NewApplication(MELDEBESCHEINIGUNG, form, true), null)
                .view()
                .id();

        assertThat(cases.get(BERT, id).status()).isEqualTo(CaseStatus.AWAITING_PAYMENT);
        // staff cannot start the review of an unpaid case, and a citizen cannot pay by saying so
        assertRefused(() -> cases.assign(OLGA, id, null), Reason.CONFLICT);
        assertThat(cases.feePaid(id, "pay-1").status()).isEqualTo(CaseStatus.IN_REVIEW);
        // a repeated report changes nothing and writes no second step
        assertThat(cases.feePaid(id, "pay-1").status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(cases.history(BERT, id)).extracting(HistoryEntry::action).containsExactly("SUBMITTED", "FEE_PAID");
        assertThat(cases.history(BERT, id).get(1).actor()).isEqualTo("system");
        assertThat(cases.assign(OLGA, id, null).status()).isEqualTo(CaseStatus.IN_REVIEW);
    }

    @Test
    public void aFeeReportedForAWithdrawnCaseDoesNotRevive() {
        String form = "{\"art\": \"einfach\", \"zustellung\": \"download\"}";
        String id = cases.create(BERT, new NewApplication(MELDEBESCHEINIGUNG, form, true), null)
                .view()
                .id();
        cases.withdraw(BERT, id, "changed my mind");

        assertThat(cases.feePaid(id, "pay-2").status()).isEqualTo(CaseStatus.WITHDRAWN);
        assertRefused(() -> cases.feePaid("no-such-case", "pay-3"), Reason.NOT_FOUND);
    }

    @Test
    public void aServiceAskingForTheEidIsRefusedToABasicLogin() {
        String form = "{\"art\": \"einfach\", \"zustellung\": \"download\"}";

        assertRefused(
                () -> cases.create(ANNA, new NewApplication(MELDEBESCHEINIGUNG, form, true), null), Reason.TRUST_LEVEL);
        assertThat(cases.create(BERT, new NewApplication(MELDEBESCHEINIGUNG, form, true), null)
                        .view()
                        .officeId())
                .isEqualTo("buergeramt");
        assertRefused(
                () -> cases.create(ANNA, new NewApplication("no-such-service", "{}", true), null), Reason.UNAVAILABLE);
        assertRefused(() -> cases.create(SARA, new NewApplication(HUNDESTEUER, FORM, true), null), Reason.FORBIDDEN);
    }

    @Test
    public void aStaleDraftSaveIsRefused() {
        CaseView draft = cases.create(ANNA, new NewApplication(HUNDESTEUER, "{}", false), null)
                .view();
        cases.updateDraft(ANNA, draft.id(), "{\"zuzug\": true}", draft.version());

        assertRefused(() -> cases.updateDraft(ANNA, draft.id(), "{\"zuzug\": false}", draft.version()), Reason.STALE);
        assertThat(Platform.json(cases.get(ANNA, draft.id()).formData())
                        .get("zuzug")
                        .asBoolean())
                .isTrue();
    }

    @Test
    public void theOfficeAsksAndTheApplicantAnswers() {
        String id = inReview();

        assertRefused(() -> cases.answer(ANNA, id, "hier", null), Reason.CONFLICT);
        cases.requestInformation(SARA, id, "Bitte die Chipnummer nachreichen.");
        assertRefused(() -> cases.answer(BERT, id, "hier", null), Reason.NOT_FOUND);
        CaseView answered =
                cases.answer(ANNA, id, "Anbei.", FORM.replace("2020}", "2020, \"chipnummer\": \"276098106543210\"}"));

        assertThat(answered.status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(Platform.json(answered.formData()).at("/hund/chipnummer").asText())
                .isEqualTo("276098106543210");
        assertThat(cases.history(ANNA, id))
                .extracting(HistoryEntry::action)
                .containsExactly("SUBMITTED", "ASSIGNED", "INFORMATION_REQUESTED", "ANSWERED");
    }

    // ---- the inbox ----

    @Test
    public void theInboxShowsTheOfficesHandedInCasesAndFilters() {
        String assigned = inReview();
        String open = submitted();
        cases.create(ANNA, new NewApplication(HUNDESTEUER, "{}", false), null); // a draft: not for the office
        String other = cases.create(
                        BERT,
                        new NewApplication(
                                MELDEBESCHEINIGUNG, "{\"art\": \"einfach\", \"zustellung\": \"post\"}", true),
                        null)
                .view()
                .id();

        assertThat(ids(cases.inbox(SARA, query("steueramt")).items())).containsExactlyInAnyOrder(assigned, open);
        assertThat(ids(cases.inbox(SARA, new InboxQuery("steueramt", Set.of(), null, "", 0, false, 0, 10))
                        .items()))
                .containsExactly(open);
        assertThat(ids(cases.inbox(SARA, new InboxQuery("steueramt", Set.of(), null, "sara", 0, false, 0, 10))
                        .items()))
                .containsExactly(assigned);
        assertThat(ids(cases.inbox(
                                SARA,
                                new InboxQuery("steueramt", Set.of(CaseStatus.SUBMITTED), null, null, 0, false, 0, 10))
                        .items()))
                .containsExactly(open);
        assertThat(cases.inbox(SARA, new InboxQuery("steueramt", Set.of(CaseStatus.DRAFT), null, null, 0, false, 0, 10))
                        .items())
                .as("drafts stay the applicant's even when asked for")
                .isEmpty();
        assertThat(cases.inbox(SARA, new InboxQuery("steueramt", Set.of(), null, null, 0, true, 0, 10))
                        .items())
                .as("nothing is overdue yet")
                .isEmpty();
        assertThat(cases.inbox(SARA, new InboxQuery("steueramt", Set.of(), null, null, 1, false, 0, 10))
                        .items())
                .as("nothing was handed in a day ago")
                .isEmpty();
        assertThat(ids(cases.inbox(OLGA, query("buergeramt")).items())).containsExactly(other);

        var first = cases.inbox(SARA, new InboxQuery("steueramt", Set.of(), null, null, 0, false, 0, 1));
        var second = cases.inbox(SARA, new InboxQuery("steueramt", Set.of(), null, null, 0, false, 1, 1));
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hasMore()).isFalse();
        assertThat(ids(first.items())).doesNotContainAnyElementsOf(ids(second.items()));
        assertThat(first.items().get(0).formData()).as("lists carry no forms").isNull();
        assertRefused(
                () -> cases.inbox(SARA, new InboxQuery("steueramt", Set.of(), null, null, -1, false, 0, 1)),
                Reason.BAD_REQUEST);
        assertRefused(
                () -> cases.inbox(SARA, new InboxQuery("steueramt", Set.of(), null, null, 0, false, -1, 1)),
                Reason.BAD_REQUEST);
    }

    @Test
    public void aCaseIsAssignedOnlyToActiveStaffOfItsOffice() {
        String id = submitted();

        assertRefused(() -> cases.assign(SARA, id, "olga"), Reason.BAD_REQUEST);
        assertRefused(() -> cases.assign(SARA, id, "gone"), Reason.BAD_REQUEST);
        assertRefused(() -> cases.assign(SARA, id, "anna"), Reason.BAD_REQUEST);
        assertRefused(() -> cases.assign(SARA, id, "nobody"), Reason.BAD_REQUEST);

        CaseView assigned = cases.assign(SARA, id, "tom");
        assertThat(assigned.assignee()).isEqualTo("tom");
        assertThat(assigned.status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(cases.assign(TOM, id, null).assignee()).isEqualTo("tom");
        assertThat(cases.history(ANNA, id))
                .as("re-assigning within the review is the office's business")
                .extracting(HistoryEntry::action)
                .containsExactly("SUBMITTED", "ASSIGNED");
        assertThat(cases.history(ANNA, id))
                .allSatisfy(h -> assertThat(h.message()).isNull());
    }

    // ---- helpers ----

    private String submitted() {
        return cases.create(ANNA, new NewApplication(HUNDESTEUER, FORM, true), null)
                .view()
                .id();
    }

    private String inReview() {
        String id = submitted();
        assertThat(cases.assign(SARA, id, null).status()).isEqualTo(CaseStatus.IN_REVIEW);
        return id;
    }

    private void fourEyes() {
        cases.modified(TestConfigs.cases(Map.of("fourEyesServices", new String[] {" " + HUNDESTEUER + " "})));
    }

    private static InboxQuery query(String office) {
        return new InboxQuery(office, Set.of(), null, null, 0, false, 0, 20);
    }

    private static List<String> ids(List<CaseView> views) {
        return views.stream().map(CaseView::id).toList();
    }

    static void assertRefused(ThrowingRunnable call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.reason())
                .as(e.getMessage())
                .isEqualTo(reason));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // lines as laid out, joined: the assertions look for phrases
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }
}
