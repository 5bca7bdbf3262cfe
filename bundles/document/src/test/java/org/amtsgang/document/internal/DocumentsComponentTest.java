package org.amtsgang.document.internal;

import static org.amtsgang.document.internal.People.ANNA;
import static org.amtsgang.document.internal.People.BAU_CLERK;
import static org.amtsgang.document.internal.People.BAU_LEAD;
import static org.amtsgang.document.internal.People.BERT;
import static org.amtsgang.document.internal.People.BUERGER_CLERK;
import static org.amtsgang.document.internal.People.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.amtsgang.audit.api.AuditEntry;
import org.amtsgang.audit.api.AuditTrail;
import org.amtsgang.audit.internal.AuditTrailComponent;
import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.dto.Confidentiality;
import org.amtsgang.document.api.dto.Content;
import org.amtsgang.document.api.dto.DocumentQuery;
import org.amtsgang.document.api.dto.DocumentView;
import org.amtsgang.document.api.dto.GrantView;
import org.amtsgang.document.api.dto.NewDocument;
import org.amtsgang.document.api.dto.OcrStatus;
import org.amtsgang.document.api.dto.RenditionKind;
import org.amtsgang.document.api.dto.RetentionRule;
import org.amtsgang.document.api.dto.VersionView;
import org.amtsgang.document.api.spi.DocumentIndex;
import org.amtsgang.document.api.spi.IndexChange;
import org.amtsgang.document.api.spi.IndexHits;
import org.amtsgang.document.api.spi.IndexQuery;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DocumentsComponentTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final DerbyJpa jpa = new DerbyJpa(
            "document",
            "/db/document/V1__document.sql",
            "/db/document/V2__grant_revocation.sql",
            "/db/document/V3__read_log.sql");
    private final People.CaseList cases = new People.CaseList();
    private final Map<String, Object> settings = new HashMap<>();
    private final List<IndexChange> indexed = new CopyOnWriteArrayList<>();
    private DocumentsComponent documents;
    private Path store;

    @Before
    public void start() throws Exception {
        store = folder.newFolder("store").toPath();
        settings.put("directory", store.toString());
        cases.add("C-ANNA", "buergeramt", "anna");
        documents = component();
    }

    private DocumentsComponent component() {
        DocumentsComponent c =
                new DocumentsComponent(People.noBundleContext(), People.config(settings), jpa, (area, bundle) -> 1);
        c.bindCases(People.objects(cases.service()));
        c.bindIndex(new RecordingIndex());
        return c;
    }

    @After
    public void stop() throws Exception {
        documents.deactivate();
        jpa.close();
    }

    // ---- creating and versions

    @Test
    public void versionsAreImmutableAndContentIsStoredOnce() throws Exception {
        DocumentView doc = documents.create(BAU_CLERK, bauakte("BA-1958-0042", Confidentiality.INTERNAL));
        byte[] first = Samples.png(Samples.page("Bauschein 1958"));
        byte[] second = Samples.pdf(Samples.page("Nachtrag 1961"), Samples.page("Seite zwei"));

        VersionView v1 = documents.addVersion(BAU_CLERK, doc.id(), "scan.png", in(first), 0);
        VersionView v2 = documents.addVersion(BAU_CLERK, doc.id(), "../nachtrag.pdf", in(second), 1);
        VersionView v3 = documents.addVersion(BAU_CLERK, doc.id(), "again.png", in(first), null);

        assertThat(v1.number()).isEqualTo(1);
        assertThat(v2.number()).isEqualTo(2);
        assertThat(v2.fileName()).isEqualTo("nachtrag.pdf");
        assertThat(v2.contentType()).isEqualTo("application/pdf");
        assertThat(v2.pages()).isEqualTo(2);
        assertThat(v3.sha256()).isEqualTo(v1.sha256());
        assertThat(read(documents.open(BAU_CLERK, doc.id(), 1))).isEqualTo(first);
        assertThat(read(documents.open(BAU_CLERK, doc.id(), 2))).isEqualTo(second);
        assertThat(read(documents.open(BAU_CLERK, doc.id(), 0))).isEqualTo(first);
        assertThat(documents.get(BAU_CLERK, doc.id()).latestVersion()).isEqualTo(3);
        assertThat(documents.versions(BAU_CLERK, doc.id()))
                .extracting(VersionView::number)
                .containsExactly(1, 2, 3);
        assertThat(storedFiles()).isEqualTo(2);
    }

    @Test
    public void aStaleVersionIsRefusedAndLosesNothing() {
        DocumentView doc = documents.create(BAU_CLERK, bauakte("BA-1", Confidentiality.INTERNAL));
        documents.addVersion(BAU_CLERK, doc.id(), "a.png", in(Samples.png(Samples.page("A"))), 0);

        assertThatThrownBy(
                        () -> documents.addVersion(BAU_CLERK, doc.id(), "b.png", in(Samples.png(Samples.page("B"))), 0))
                .satisfies(reason(DocumentException.Reason.STALE));
        assertThat(documents.versions(BAU_CLERK, doc.id())).hasSize(1);
    }

    @Test
    public void badContentIsRefusedWithItsReasonAndLeavesNothingBehind() throws Exception {
        DocumentView doc = documents.create(BAU_CLERK, bauakte("BA-2", Confidentiality.INTERNAL));
        settings.put("maxUploadBytes", 2000L);
        documents.deactivate();
        documents = component();

        assertThatThrownBy(
                        () -> documents.addVersion(BAU_CLERK, doc.id(), "x.exe", in("MZ\u0090\u0000".getBytes()), null))
                .satisfies(reason(DocumentException.Reason.UNSUPPORTED_TYPE));
        assertThatThrownBy(() ->
                        documents.addVersion(BAU_CLERK, doc.id(), "bomb.png", in(Samples.pngBomb(60000, 60000)), null))
                .satisfies(reason(DocumentException.Reason.TOO_LARGE));
        assertThatThrownBy(() -> documents.addVersion(
                        BAU_CLERK, doc.id(), "big.png", in(Samples.png(Samples.page("zu gross"))), null))
                .satisfies(reason(DocumentException.Reason.TOO_LARGE));
        assertThatThrownBy(() ->
                        documents.addVersion(BAU_CLERK, doc.id(), "x.pdf", in("%PDF-1.4 kaputt".getBytes()), null))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));

        assertThat(documents.versions(BAU_CLERK, doc.id())).isEmpty();
        assertThat(storedFiles()).isZero();
        try (Stream<Path> tmp = Files.list(store.resolve("tmp"))) {
            assertThat(tmp.count()).isZero();
        }
    }

    @Test
    public void metadataIsChecked() {
        assertThatThrownBy(() -> documents.create(
                        BAU_CLERK,
                        new NewDocument("", "BAUAKTE", "bauaufsicht", null, null, null, null, false, 0, Map.of())))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        assertThatThrownBy(() -> documents.create(
                        BAU_CLERK,
                        new NewDocument("T", "bauakte", "bauaufsicht", null, null, null, null, false, 0, Map.of())))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        assertThatThrownBy(() -> documents.create(
                        BAU_CLERK,
                        new NewDocument(
                                "T",
                                "BAUAKTE",
                                "bauaufsicht",
                                null,
                                null,
                                null,
                                null,
                                false,
                                0,
                                Map.of("Bad Key", "x"))))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
    }

    // ---- who may do what

    @Test
    public void nobodyReadsWhatIsNotTheirs() {
        DocumentView annas = documents.create(
                ANNA,
                new NewDocument(
                        "Meldebescheinigung Anlage",
                        "ATTACHMENT",
                        "buergeramt",
                        null,
                        null,
                        "C-ANNA",
                        null,
                        false,
                        0,
                        Map.of()));
        documents.addVersion(ANNA, annas.id(), "ausweis.jpg", in(Samples.jpeg(Samples.page("Ausweis"))), 0);
        DocumentView internal = documents.create(BAU_CLERK, bauakte("BA-3", Confidentiality.INTERNAL));
        DocumentView secret = documents.create(BAU_LEAD, bauakte("BA-4", Confidentiality.CONFIDENTIAL));

        assertThat(annas.owner()).isEqualTo("anna");
        assertThat(documents.get(ANNA, annas.id()).id()).isEqualTo(annas.id());
        assertThat(documents.get(BUERGER_CLERK, annas.id()).id()).isEqualTo(annas.id());
        for (Caller stranger : List.of(BERT, BAU_CLERK, OPERATOR)) {
            assertNotFound(stranger, annas.id());
        }
        assertThat(documents.get(BAU_CLERK, internal.id()).id()).isEqualTo(internal.id());
        for (Caller stranger : List.of(ANNA, BUERGER_CLERK, OPERATOR)) {
            assertNotFound(stranger, internal.id());
        }
        assertThat(documents.get(BAU_LEAD, secret.id()).id()).isEqualTo(secret.id());
        assertNotFound(BAU_CLERK, secret.id());

        assertThat(ids(BERT)).isEmpty();
        assertThat(ids(ANNA)).containsExactly(annas.id());
        assertThat(ids(BAU_CLERK)).containsExactly(internal.id());
        assertThat(ids(BAU_LEAD)).containsExactlyInAnyOrder(internal.id(), secret.id());
        assertThat(ids(OPERATOR)).isEmpty();
    }

    @Test
    public void onlyTheRightPeopleCreateAndAddVersions() {
        assertThatThrownBy(() -> documents.create(BUERGER_CLERK, bauakte("X", Confidentiality.INTERNAL)))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.create(BAU_CLERK, bauakte("X", Confidentiality.CONFIDENTIAL)))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.create(OPERATOR, bauakte("X", Confidentiality.INTERNAL)))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.create(
                        ANNA,
                        new NewDocument("T", "ATTACHMENT", "buergeramt", null, "bert", null, null, false, 0, Map.of())))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.create(
                        ANNA,
                        new NewDocument(
                                "T",
                                "ATTACHMENT",
                                "buergeramt",
                                Confidentiality.PUBLIC,
                                null,
                                null,
                                null,
                                false,
                                0,
                                Map.of())))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        // what the city issues is never a citizen's own upload, however it is labelled
        for (String issuedType : List.of("BESCHEID", "QUITTUNG", "BAUAKTE")) {
            assertThatThrownBy(() -> documents.create(
                            ANNA,
                            new NewDocument(
                                    "T", issuedType, "buergeramt", null, null, "C-ANNA", null, false, 0, Map.of())))
                    .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        }
        // Bert cannot hang a document on Anna's case
        assertThatThrownBy(() -> documents.create(
                        BERT,
                        new NewDocument(
                                "T", "ATTACHMENT", "buergeramt", null, null, "C-ANNA", null, false, 0, Map.of())))
                .satisfies(reason(DocumentException.Reason.NOT_FOUND));

        DocumentView office = documents.create(
                BUERGER_CLERK,
                new NewDocument("Bescheid", "BESCHEID", "buergeramt", null, null, "C-ANNA", null, false, 0, Map.of()));
        // the applicant reads the office's notice on her case, but adds no versions to it
        assertThat(documents.get(ANNA, office.id()).caseId()).isEqualTo("C-ANNA");
        assertThatThrownBy(() ->
                        documents.addVersion(ANNA, office.id(), "x.png", in(Samples.png(Samples.page("x"))), null))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
    }

    @Test
    public void staffOfTheOfficeSeeTheGrantsAndRevokeOneAtOnceWithAReason() throws Exception {
        DocumentView doc = documents.create(BAU_CLERK, bauakte("BA-6", Confidentiality.INTERNAL));
        documents.addVersion(BAU_CLERK, doc.id(), "a.png", in(Samples.png(Samples.page("A"))), 0);
        Instant until = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        documents.grant(BAU_CLERK, doc.id(), "bert", until, "Bauakteneinsicht C-1");
        documents.grant(BAU_CLERK, doc.id(), "anna", until.plusSeconds(60), "Bauakteneinsicht C-2");
        assertThat(documents.get(BERT, doc.id()).id()).isEqualTo(doc.id());

        assertThat(documents.grants(BAU_CLERK, doc.id()))
                .containsExactly(
                        new GrantView(doc.id(), "bert", until, BAU_CLERK.subject(), "Bauakteneinsicht C-1"),
                        new GrantView(
                                doc.id(), "anna", until.plusSeconds(60), BAU_CLERK.subject(), "Bauakteneinsicht C-2"));
        // nobody else learns who may read it, or takes access away
        // (staff of another office do not see the internal document at all; the grantees are no staff)
        Map<Caller, DocumentException.Reason> others = Map.of(
                BUERGER_CLERK, DocumentException.Reason.NOT_FOUND,
                BERT, DocumentException.Reason.FORBIDDEN,
                ANNA, DocumentException.Reason.FORBIDDEN);
        others.forEach((other, refused) -> {
            assertThatThrownBy(() -> documents.grants(other, doc.id())).satisfies(reason(refused));
            assertThatThrownBy(() -> documents.revoke(other, doc.id(), "bert", "weg"))
                    .satisfies(reason(refused));
        });
        assertThatThrownBy(() -> documents.revoke(BAU_CLERK, doc.id(), "bert", " "))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        assertThatThrownBy(() -> documents.revoke(BAU_CLERK, doc.id(), "carla", "irrtümlich"))
                .satisfies(reason(DocumentException.Reason.NOT_FOUND));

        documents.revoke(BAU_CLERK, doc.id(), "bert", "Vollmacht des Eigentümers widerrufen");

        assertNotFound(BERT, doc.id());
        assertThat(ids(BERT)).isEmpty();
        assertThat(documents.grants(BAU_CLERK, doc.id()))
                .extracting(GrantView::subject)
                .containsExactly("anna");
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_GRANT WHERE SUBJECT = 'bert' AND REVOKED_BY = '"
                        + BAU_CLERK.subject() + "' AND REVOKE_REASON = 'Vollmacht des Eigentümers widerrufen'"))
                .isEqualTo(1);
        assertThatThrownBy(() -> documents.revoke(BAU_CLERK, doc.id(), "bert", "nochmal"))
                .satisfies(reason(DocumentException.Reason.NOT_FOUND));
    }

    @Test
    public void aGrantLetsAPersonReadUntilItEnds() throws Exception {
        DocumentView doc = documents.create(BAU_CLERK, bauakte("BA-5", Confidentiality.INTERNAL));
        documents.addVersion(BAU_CLERK, doc.id(), "a.png", in(Samples.png(Samples.page("A"))), 0);
        assertNotFound(BERT, doc.id());

        assertThatThrownBy(() -> documents.grant(
                        BUERGER_CLERK, doc.id(), "bert", Instant.now().plusSeconds(60), "x"))
                .satisfies(reason(DocumentException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> documents.grant(
                        BAU_CLERK, doc.id(), "bert", Instant.now().minusSeconds(1), "x"))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        documents.grant(BAU_CLERK, doc.id(), "bert", Instant.now().plus(30, ChronoUnit.DAYS), "Bauakteneinsicht C-1");

        assertThat(documents.get(BERT, doc.id()).id()).isEqualTo(doc.id());
        assertThat(ids(BERT)).containsExactly(doc.id());
        // what Bert downloads is an inspection copy: a PDF with his name and the day on every page
        Content copy = documents.open(BERT, doc.id(), 1);
        assertThat(copy.contentType()).isEqualTo("application/pdf");
        assertThat(copy.version().fileName()).isEqualTo("a.pdf");
        byte[] pdf = read(copy);
        assertThat(pdf.length).isEqualTo(copy.size());
        assertThat(Sha256Hex.of(pdf)).isEqualTo(copy.sha256());
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertThat(text).contains("Bauakteneinsicht: bert");
        }
        // staff get the original
        assertThat(documents.open(BAU_CLERK, doc.id(), 1).contentType()).isEqualTo("image/png");

        jpa.execute("UPDATE DOCUMENT_GRANT SET UNTIL_AT = " + (System.currentTimeMillis() - 1000));
        assertNotFound(BERT, doc.id());
        assertThat(ids(BERT)).isEmpty();
    }

    @Test
    public void readsGrantsAndRevocationsAreOnRecordInTheAuditTrailEvenWhenTheTrailComesLater() throws Exception {
        DocumentView doc = documents.create(BAU_CLERK, bauakte("BA-7", Confidentiality.INTERNAL));
        documents.addVersion(BAU_CLERK, doc.id(), "a.png", in(Samples.png(Samples.page("A"))), 0);
        documents.grant(BAU_CLERK, doc.id(), "bert", Instant.now().plus(30, ChronoUnit.DAYS), "Bauakteneinsicht C-7");
        read(documents.open(BAU_CLERK, doc.id(), 1));
        read(documents.open(BERT, doc.id(), 1));
        assertNotFound(BUERGER_CLERK, doc.id()); // refused: nothing read, nothing recorded
        // no audit trail yet (its bundle away): the entries wait in the document area's outbox
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_AUDIT_TODO")).isEqualTo(3);

        try (DerbyJpa auditJpa = new DerbyJpa("audit", "/db/audit/V1__audit.sql")) {
            AuditTrail trail = new AuditTrailComponent(People.noBundleContext(), auditJpa, (area, bundle) -> 1);
            documents.bindAudit(trail);
            List<AuditEntry> entries = waitFor(() -> trail.of(doc.id()), found -> found.size() == 3);
            assertThat(entries)
                    .extracting(e -> e.record().area() + " " + e.record().actor() + " "
                            + e.record().action())
                    .containsExactly(
                            "documents clara ACCESS_GRANTED",
                            "documents clara CONTENT_READ",
                            "documents bert CONTENT_READ");
            assertThat(entries.get(0).record().reason())
                    .startsWith("to bert until ")
                    .endsWith(": Bauakteneinsicht C-7");
            assertThat(entries.get(1).record().reason()).isEqualTo("version 1, original");
            assertThat(entries.get(2).record().reason()).isEqualTo("version 1, inspection copy with the reader's name");
            waitFor(() -> jpa.count("SELECT COUNT(*) FROM DOCUMENT_AUDIT_TODO"), left -> left == 0);

            // with the trail there, what happens is in it moments later
            read(documents.open(BERT, doc.id(), 0));
            documents.revoke(BAU_LEAD, doc.id(), "bert", "Einsicht beendet");
            entries = waitFor(() -> trail.of(doc.id()), found -> found.size() == 5);
            assertThat(entries.get(3).record().actor()).isEqualTo("bert");
            assertThat(entries.get(4).record().action() + " "
                            + entries.get(4).record().reason())
                    .isEqualTo("ACCESS_REVOKED of bert: Einsicht beendet");
            assertThat(trail.verify().intact()).isTrue();
        }
    }

    // ---- reading

    @Test
    public void damagedContentIsNeverServed() throws Exception {
        DocumentView doc = documents.create(BAU_CLERK, bauakte("BA-6", Confidentiality.INTERNAL));
        VersionView v = documents.addVersion(BAU_CLERK, doc.id(), "a.png", in(Samples.png(Samples.page("A"))), 0);
        Path file;
        try (Stream<Path> files = Files.walk(store.resolve("sha256"))) {
            file = files.filter(p -> p.getFileName().toString().equals(v.sha256()))
                    .findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[100] ^= 0x7F;
        Files.write(file, bytes);

        assertThatThrownBy(() -> documents.open(BAU_CLERK, doc.id(), 1))
                .satisfies(reason(DocumentException.Reason.DAMAGED));

        // above the size verified up front, the stream itself refuses at its end
        settings.put("verifyBeforeSendingBytes", 10L);
        documents.deactivate();
        documents = component();
        Content content = documents.open(BAU_CLERK, doc.id(), 1);
        assertThatThrownBy(() -> read(content)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
    }

    // ---- retention

    @Test
    public void deletionNeedsAnEndedRetentionAndARecordedDecision() throws Exception {
        DocumentView doc = documents.create(
                BAU_CLERK,
                new NewDocument(
                        "Alte Anlage",
                        "ATTACHMENT",
                        "bauaufsicht",
                        null,
                        null,
                        null,
                        new RetentionRule(1, RetentionRule.Disposal.DELETE),
                        false,
                        0,
                        Map.of()));
        documents.addVersion(BAU_CLERK, doc.id(), "a.png", in(Samples.png(Samples.page("alt"))), 0);
        int year = LocalDate.now(DocumentsComponent.CITY_TIME).getYear();
        assertThat(doc.retainUntil()).isEqualTo(LocalDate.of(year + 1, 12, 31));
        DocumentView forever = documents.create(BAU_CLERK, bauakte("BA-7", Confidentiality.INTERNAL));
        assertThat(forever.retainUntil()).isNull();

        assertThat(documents.retentionDue(OPERATOR, LocalDate.of(year + 2, 1, 1), 100))
                .extracting(d -> d.documentId())
                .containsExactly(doc.id());
        assertThatThrownBy(() -> documents.retentionDue(BAU_LEAD, LocalDate.now(), 10))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.delete(OPERATOR, doc.id(), "Aufbewahrungsfrist abgelaufen"))
                .satisfies(reason(DocumentException.Reason.CONFLICT));
        assertThatThrownBy(() -> documents.delete(OPERATOR, forever.id(), "Aufbewahrungsfrist abgelaufen"))
                .satisfies(reason(DocumentException.Reason.CONFLICT));

        jpa.execute("UPDATE DOCUMENT_DOCUMENT SET RETAIN_UNTIL_DAY = "
                + LocalDate.now().minusDays(1).toEpochDay() + " WHERE ID = '" + doc.id() + "'");
        assertThatThrownBy(() -> documents.delete(OPERATOR, doc.id(), "ok"))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        documents.delete(OPERATOR, doc.id(), "Aufbewahrungsfrist abgelaufen, Vermerk 2026/17");

        assertNotFound(BAU_CLERK, doc.id());
        assertThat(storedFiles()).isZero();
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_DELETION WHERE DECIDED_BY = 'op'"))
                .isEqualTo(1);
        // the deletion and its grounds wait for the audit trail (none is bound in this test)
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_AUDIT_TODO WHERE ACTION = 'DELETED' AND ACTOR = 'op'"
                        + " AND DETAIL = 'Aufbewahrungsfrist abgelaufen, Vermerk 2026/17'"))
                .isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_VERSION")).isZero();
        assertThatThrownBy(() -> documents.delete(OPERATOR, doc.id(), "Aufbewahrungsfrist abgelaufen"))
                .satisfies(reason(DocumentException.Reason.CONFLICT));
    }

    @Test
    public void aCaseFileStaysAsHandedInAndOnlyUploadsTheCaseDidNotTakeAreWithdrawn() throws Exception {
        NewDocument upload =
                new NewDocument("Anlage", "ATTACHMENT", "buergeramt", null, null, "C-ANNA", null, false, 0, Map.of());
        DocumentView taken = documents.create(ANNA, upload);
        documents.addVersion(ANNA, taken.id(), "a.png", in(Samples.png(Samples.page("Anlage"))), 0);
        cases.holds("C-ANNA", taken.id());
        DocumentView notTaken = documents.create(ANNA, upload);
        documents.addVersion(ANNA, notTaken.id(), "b.png", in(Samples.png(Samples.page("Zweite Anlage"))), 0);
        DocumentView officeFull = documents.create(BUERGER_CLERK, upload);
        documents.addVersion(BUERGER_CLERK, officeFull.id(), "c.png", in(Samples.png(Samples.page("Vermerk"))), 0);
        DocumentView officeEmpty = documents.create(BUERGER_CLERK, upload);

        // a file of the application cannot be changed or withdrawn by the applicant
        assertThatThrownBy(() ->
                        documents.addVersion(ANNA, taken.id(), "x.png", in(Samples.png(Samples.page("Ersatz"))), null))
                .satisfies(reason(DocumentException.Reason.CONFLICT));
        assertThatThrownBy(() -> documents.discard(ANNA, taken.id(), "doch nicht"))
                .satisfies(reason(DocumentException.Reason.CONFLICT));
        // nobody withdraws what they did not create; staff withdraw only what a failed upload left empty
        assertThatThrownBy(() -> documents.discard(BERT, notTaken.id(), "nicht meins"))
                .satisfies(reason(DocumentException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> documents.discard(BUERGER_CLERK, notTaken.id(), "falsch"))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.discard(BUERGER_CLERK, officeFull.id(), "falsch"))
                .satisfies(reason(DocumentException.Reason.CONFLICT));
        assertThatThrownBy(() -> documents.discard(ANNA, notTaken.id(), " "))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        assertThatThrownBy(() -> documents.discard(ANNA, notTaken.id(), "x".repeat(1990)))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));

        documents.discard(ANNA, notTaken.id(), "vom Antrag nicht angenommen");
        documents.discard(BUERGER_CLERK, officeEmpty.id(), "Hochladen fehlgeschlagen");

        assertNotFound(ANNA, notTaken.id());
        assertNotFound(BUERGER_CLERK, officeEmpty.id());
        assertThat(documents.versions(ANNA, taken.id())).hasSize(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_DELETION WHERE DECIDED_BY = 'anna'"
                        + " AND DECISION = 'Withdrawn by its creator: vom Antrag nicht angenommen'"))
                .isEqualTo(1);
        assertThat(ids(ANNA)).contains(taken.id(), officeFull.id()).doesNotContain(notTaken.id());
    }

    @Test
    public void whatTheCityIssuesIsReadByItsOwnerAndOfficeAndNeverChanges() throws Exception {
        byte[] pdf = Samples.pdf(Samples.page("Quittung", "Gebühr 12,00 EUR bezahlt"));
        NewDocument receipt = new NewDocument(
                "Quittung P-1",
                "QUITTUNG",
                "buergeramt",
                null,
                "anna",
                "C-ANNA",
                new RetentionRule(10, RetentionRule.Disposal.DELETE),
                false,
                0,
                Map.of("payment", "P-1"));

        DocumentView issued = documents.issue("payment", receipt, "Quittung-P-1.pdf", in(pdf));

        assertThat(issued.createdBy()).isEqualTo("platform:payment");
        assertThat(issued.latestVersion()).isEqualTo(1);
        assertThat(read(documents.open(ANNA, issued.id(), 1))).isEqualTo(pdf);
        assertThat(read(documents.open(BUERGER_CLERK, issued.id(), 1))).isEqualTo(pdf);
        assertNotFound(BERT, issued.id());
        assertNotFound(BAU_CLERK, issued.id());
        // nobody changes or withdraws it: neither its owner nor the office
        assertThatThrownBy(() -> documents.addVersion(ANNA, issued.id(), "x.pdf", in(pdf), null))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.addVersion(BUERGER_CLERK, issued.id(), "x.pdf", in(pdf), null))
                .satisfies(reason(DocumentException.Reason.CONFLICT));
        assertThatThrownBy(() -> documents.discard(ANNA, issued.id(), "weg damit"))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.discard(BUERGER_CLERK, issued.id(), "weg damit"))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThat(documents.versions(ANNA, issued.id())).hasSize(1);
        // content is checked as an upload's, and a refused one leaves no document
        long before = jpa.count("SELECT COUNT(*) FROM DOCUMENT_DOCUMENT");
        assertThatThrownBy(() -> documents.issue("payment", receipt, "x.pdf", in("kein PDF".getBytes())))
                .satisfies(reason(DocumentException.Reason.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> documents.issue("Payment!", receipt, "x.pdf", in(pdf)))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_DOCUMENT")).isEqualTo(before);
    }

    // ---- OCR and index

    @Test
    public void realOcrReadsAGermanPageAndTheIndexGetsItsText() throws Exception {
        DocumentView doc = documents.create(
                BAU_CLERK,
                new NewDocument(
                        "Bauakte Schloßstraße 12",
                        "BAUAKTE",
                        "bauaufsicht",
                        null,
                        null,
                        null,
                        RetentionRule.PERMANENT,
                        true,
                        100,
                        Map.of("aktenzeichen", "BA-1958-0042", "address", "Schloßstraße 12")));
        byte[] scan = Samples.png(Samples.page(
                "Baugenehmigung für das Wohnhaus", "Schloßstraße 12 in Mülheim an der Ruhr", "Bauschein Nummer 4711"));
        VersionView v = documents.addVersion(BAU_CLERK, doc.id(), "seite1.png", in(scan), 0);
        assertThat(v.ocr()).isEqualTo(OcrStatus.PENDING);

        VersionView done =
                waitFor(() -> documents.versions(BAU_CLERK, doc.id()).get(0), x -> x.ocr() != OcrStatus.PENDING);

        assertThat(done.ocr())
                .as("OCR needs Tesseract with German (apt-get install tesseract-ocr tesseract-ocr-deu)")
                .isEqualTo(OcrStatus.DONE);
        String text = new String(
                read(documents.rendition(BAU_CLERK, doc.id(), 1, RenditionKind.OCR_TEXT)), StandardCharsets.UTF_8);
        assertThat(text).contains("Baugenehmigung").contains("Wohnhaus").contains("4711");
        // the searchable PDF/A from the same run: the text lies beneath the scan
        Content pdfA = documents.rendition(BAU_CLERK, doc.id(), 1, RenditionKind.PDF_A);
        assertThat(pdfA.contentType()).isEqualTo("application/pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(read(pdfA))) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf))
                    .contains("Baugenehmigung");
            String xmp = new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp)
                    .contains("<pdfaid:part>2</pdfaid:part>")
                    .contains("<pdfaid:conformance>B</pdfaid:conformance>");
            assertThat(pdf.getDocumentCatalog().getOutputIntents()).hasSize(1);
        }
        assertThat(PdfAValidation.failures(read(documents.rendition(BAU_CLERK, doc.id(), 1, RenditionKind.PDF_A))))
                .as("veraPDF, PDF/A-2b")
                .isEmpty();
        assertThat(PdfAValidation.failures(Samples.pdf(Samples.page("kein PDF/A"))))
                .as("a plain PDF fails the same check")
                .isNotEmpty();
        assertThatThrownBy(() -> documents.rendition(ANNA, doc.id(), 1, RenditionKind.OCR_TEXT))
                .satisfies(reason(DocumentException.Reason.NOT_FOUND));

        IndexChange change = waitFor(
                () -> indexed.stream()
                        .filter(c -> c.documentId().equals(doc.id())
                                && !c.entries().isEmpty()
                                && c.entries().get(0).page() == 1)
                        .findFirst()
                        .orElse(null),
                c -> c != null);
        assertThat(change.entries().get(0).text()).contains("Baugenehmigung");
        assertThat(change.entries().get(0).readers()).containsExactlyInAnyOrder("doc:" + doc.id(), "staff:bauaufsicht");
        assertThat(change.entries().get(0).fields()).containsEntry("aktenzeichen", "BA-1958-0042");
    }

    @Test
    public void anEmptyIndexBesideAStoreWithDocumentsIsFilledOnStart() throws Exception {
        DocumentView doc = documents.create(
                BAU_CLERK,
                new NewDocument("Bauakte", "BAUAKTE", "bauaufsicht", null, null, null, null, false, 0, Map.of()));
        documents.deactivate();
        indexed.clear(); // a new index folder, or one emptied because of an older layout

        documents = component();

        waitFor(() -> indexed.stream().anyMatch(c -> c.documentId().equals(doc.id())), found -> found);
    }

    @Test
    public void withoutAnOcrEngineTheDocumentIsStoredAndStaysPending() throws Exception {
        settings.put("tesseract", "/nonexistent/tesseract");
        documents.deactivate();
        documents = component();
        DocumentView doc = documents.create(
                BAU_CLERK,
                new NewDocument("Bauakte", "BAUAKTE", "bauaufsicht", null, null, null, null, true, 0, Map.of()));
        byte[] scan = Samples.png(Samples.page("Text"));
        documents.addVersion(BAU_CLERK, doc.id(), "s.png", in(scan), 0);
        Thread.sleep(2500);

        assertThat(documents.versions(BAU_CLERK, doc.id()).get(0).ocr()).isEqualTo(OcrStatus.PENDING);
        assertThat(read(documents.open(BAU_CLERK, doc.id(), 1))).isEqualTo(scan);
    }

    @Test
    public void ocrThatCannotRunIsTriedAgainLaterAndMarkedFailedAfterTheLastAttempt() throws Exception {
        // a Tesseract whose searchable PDF is no PDF: storing the result fails with an I/O error each time
        Path runs = folder.newFile("runs").toPath();
        Path fake = fakeTesseract(
                3, 300, "echo run >> '" + runs + "'", "echo Bauschein > \"$2.txt\"", "echo 'not a PDF' > \"$2.pdf\"");
        DocumentView doc = documents.create(
                BAU_CLERK,
                new NewDocument("Bauakte", "BAUAKTE", "bauaufsicht", null, null, null, null, true, 0, Map.of()));
        long started = System.currentTimeMillis();
        documents.addVersion(BAU_CLERK, doc.id(), "s.png", in(Samples.png(Samples.page("Text"))), 0);

        VersionView failed =
                waitFor(() -> documents.versions(BAU_CLERK, doc.id()).get(0), v -> v.ocr() != OcrStatus.PENDING);
        long took = System.currentTimeMillis() - started;
        Thread.sleep(1500); // nothing more runs once it is marked failed

        assertThat(failed.ocr()).isEqualTo(OcrStatus.FAILED);
        assertThat(failed.ocrNote())
                .startsWith("OCR could not run in 3 attempts")
                .doesNotContain(store.toString()); // no server paths for the reader
        assertThat(Files.readAllLines(runs)).as("attempts").hasSize(3);
        assertThat(took).as("waits 300 ms, then 600 ms between the attempts").isGreaterThanOrEqualTo(900);

        // the cause removed (here: Tesseract writes no PDF any more), an operator puts it back in the queue
        Files.writeString(fake, Files.readString(fake).replace("echo 'not a PDF' > \"$2.pdf\"", "true"));
        assertThatThrownBy(() -> documents.retryOcr(BAU_CLERK, null))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThat(documents.retryOcr(OPERATOR, doc.id())).isEqualTo(1);
        VersionView done =
                waitFor(() -> documents.versions(BAU_CLERK, doc.id()).get(0), v -> v.ocr() != OcrStatus.PENDING);
        assertThat(done.ocr()).isEqualTo(OcrStatus.DONE);
        assertThat(done.ocrNote()).isNull();
        assertThat(documents.retryOcr(OPERATOR, null)).isZero();
    }

    @Test
    public void whenTesseractStopsStartingTheDocumentsStayPendingInsteadOfFailing() throws Exception {
        // found at start, then gone: no fault of the files
        Path fake = fakeTesseract(1, 10, "exit 1");
        DocumentView doc = documents.create(
                BAU_CLERK,
                new NewDocument("Bauakte", "BAUAKTE", "bauaufsicht", null, null, null, null, true, 0, Map.of()));
        Thread.sleep(2000); // the engine is found
        assertThat(fake.toFile().setExecutable(false)).isTrue(); // and then no longer starts

        documents.addVersion(BAU_CLERK, doc.id(), "s.png", in(Samples.png(Samples.page("Text"))), 0);
        Thread.sleep(3000);

        assertThat(documents.versions(BAU_CLERK, doc.id()).get(0).ocr()).isEqualTo(OcrStatus.PENDING);
    }

    /**
     * Restarts the component on a stand-in for the tesseract command: it lists German as its language
     * and runs the given shell lines for a file ($2 is the output base).
     */
    private Path fakeTesseract(int attempts, long retryDelayMillis, String... run) throws Exception {
        Path fake = folder.newFile("tesseract").toPath();
        List<String> lines = new java.util.ArrayList<>(List.of(
                "#!/bin/sh",
                "if [ \"$1\" = --list-langs ]; then echo 'List of available languages (1):'; echo deu; exit 0; fi"));
        lines.addAll(List.of(run));
        Files.writeString(fake, String.join("\n", lines) + "\n");
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        settings.put("tesseract", fake.toString());
        settings.put("ocrAttempts", attempts);
        settings.put("ocrRetryDelayMillis", retryDelayMillis);
        documents.deactivate();
        documents = component();
        return fake;
    }

    // ---- Bauakten import

    @Test
    public void anImportTakesThermalPaperFirstRecordsEveryPageAndNeverImportsTwice() throws Exception {
        Path folder = this.folder.newFolder("lieferung-1").toPath();
        Files.write(folder.resolve("a.tif"), Samples.tiff(Samples.page("Bauschein 1958")));
        Files.write(folder.resolve("b.pdf"), Samples.pdf(Samples.page("Seite 1"), Samples.page("Seite 2")));
        Files.write(folder.resolve("c.tif"), Samples.tiff(Samples.page("Thermopapier 1987")));
        Files.write(folder.resolve("evil.txt"), "not a scan".getBytes(StandardCharsets.UTF_8));
        Files.writeString(
                folder.resolve("metadata.csv"),
                String.join(
                        "\n",
                        "\uFEFFdatei;aktenzeichen;adresse;gemarkung;flur;flurstueck;jahr;papier;zustand;gescannt_von;geraet;gescannt_am",
                        "a.tif;BA-1958-0042;\"Schloßstraße 12\";Mülheim;3;117;1958;normal;gut;Scanbüro Ruhr;Zeutschel OS 12000;2026-11-02T09:30",
                        "b.pdf;BA-1958-0042;Schloßstraße 12;Mülheim;3;117;1961;normal;;;;",
                        "c.tif;BA-1987-0007;Kaiserstraße 3;Saarn;7;88;1987;thermo;verblasst;Scanbüro Ruhr;Zeutschel OS 12000;2026-11-03",
                        "../../etc/passwd;BA-X;;;;;;;;;;",
                        "evil.txt;BA-Y;;;;;;;;;;",
                        "fehlt.pdf;BA-Z;;;;;;;;;;",
                        "a.tif;BA-1958-0042;;;;;1800x;;;;;"),
                StandardCharsets.UTF_8);
        List<ImportJobView> seen = new CopyOnWriteArrayList<>();

        var job =
                documents.run(OPERATOR, folder.toString(), j -> seen.add(new ImportJobView(j.imported(), j.failed())));

        assertThat(job.state()).isEqualTo("DONE");
        assertThat(job.files()).isEqualTo(7);
        assertThat(job.imported()).isEqualTo(3);
        assertThat(job.failed()).isEqualTo(3);
        assertThat(job.skipped()).isEqualTo(1); // a.tif listed twice under one Aktenzeichen
        assertThat(job.pages()).isEqualTo(4);
        assertThat(job.errors()).hasSize(3).anySatisfy(e -> assertThat(e).contains("passwd"));
        assertThat(seen).hasSize(8); // after every file, and at the end
        // the thermal-paper file went first and is read first
        assertThat(seen.get(0).imported()).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_VERSION WHERE OCR_PRIORITY = 100 AND FILE_NAME = 'c.tif'"))
                .isEqualTo(1);
        var staffView = documents.list(BAU_CLERK, new DocumentQuery(null, null, "BAUAKTE", 0, 10));
        assertThat(staffView.total()).isEqualTo(3);
        DocumentView pdf = staffView.items().stream()
                .filter(d -> d.title().contains("b.pdf"))
                .findFirst()
                .orElseThrow();
        assertThat(pdf.fields())
                .containsEntry("aktenzeichen", "BA-1958-0042")
                .containsEntry("address", "Schloßstraße 12")
                .containsEntry("year", "1961");
        var scans = documents.scans(BAU_CLERK, pdf.id());
        assertThat(scans).extracting(r -> r.page()).containsExactly(1, 2);
        assertThat(scans.get(0).sha256())
                .isEqualTo(documents.versions(BAU_CLERK, pdf.id()).get(0).sha256());
        assertThat(scans.get(0).scannedBy()).isEqualTo("unbekannt");
        assertThatThrownBy(() -> documents.scans(BERT, pdf.id())).satisfies(reason(DocumentException.Reason.NOT_FOUND));

        var again = documents.run(OPERATOR, folder.toString(), j -> {});
        assertThat(again.imported()).isZero();
        assertThat(again.skipped()).isEqualTo(4);
        assertThat(jpa.count("SELECT COUNT(*) FROM DOCUMENT_DOCUMENT")).isEqualTo(3);
    }

    @Test
    public void onlyOperatorsAndTheBuildingOfficeImport() throws Exception {
        Path folder = this.folder.newFolder("lieferung-2").toPath();
        Files.writeString(folder.resolve("metadata.csv"), "datei;aktenzeichen\n");
        assertThatThrownBy(() -> documents.start(BUERGER_CLERK, "lieferung-2"))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.start(ANNA, "lieferung-2"))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        // staff name folders under the import directory; only operators give paths
        assertThatThrownBy(() -> documents.start(BAU_CLERK, folder.toString()))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
        assertThatThrownBy(() -> documents.start(BAU_CLERK, "../store"))
                .satisfies(reason(DocumentException.Reason.BAD_REQUEST));
        assertThatThrownBy(() -> documents.start(BAU_CLERK, "nirgends"))
                .satisfies(reason(DocumentException.Reason.NOT_FOUND));
        settings.put("importDirectory", folder.getParent().toString());
        documents.deactivate();
        documents = component();
        var job = documents.start(BAU_CLERK, "lieferung-2");
        var done = waitFor(
                () -> documents.job(BAU_CLERK, job.id()), j -> !j.state().equals("RUNNING"));
        assertThat(done.state()).isEqualTo("DONE");
        assertThat(done.files()).isZero();
        assertThatThrownBy(() -> documents.job(BUERGER_CLERK, job.id()))
                .satisfies(reason(DocumentException.Reason.FORBIDDEN));
    }

    private record ImportJobView(int imported, int failed) {}

    // ---- helpers

    private static NewDocument bauakte(String aktenzeichen, Confidentiality confidentiality) {
        return new NewDocument(
                "Bauakte " + aktenzeichen,
                "BAUAKTE",
                "bauaufsicht",
                confidentiality,
                null,
                null,
                RetentionRule.PERMANENT,
                false,
                0,
                Map.of("aktenzeichen", aktenzeichen));
    }

    private List<String> ids(Caller caller) {
        return documents.list(caller, new DocumentQuery(null, null, null, 0, 100)).items().stream()
                .map(DocumentView::id)
                .toList();
    }

    private void assertNotFound(Caller caller, String id) {
        assertThatThrownBy(() -> documents.get(caller, id)).satisfies(reason(DocumentException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> documents.versions(caller, id)).satisfies(reason(DocumentException.Reason.NOT_FOUND));
        assertThatThrownBy(() -> documents.open(caller, id, 0)).satisfies(reason(DocumentException.Reason.NOT_FOUND));
    }

    private static Consumer<Throwable> reason(DocumentException.Reason reason) {
        return e -> assertThat(e).isInstanceOfSatisfying(DocumentException.class, d -> assertThat(d.reason())
                .as(d.getMessage())
                .isEqualTo(reason));
    }

    private long storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(store.resolve("sha256"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static InputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] read(Content content) throws IOException {
        try (InputStream in = content.stream()) {
            return in.readAllBytes();
        }
    }

    private static <T> T waitFor(java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long until = System.currentTimeMillis() + 90_000;
        T value = probe.get();
        while (!done.test(value) && System.currentTimeMillis() < until) {
            Thread.sleep(200);
            value = probe.get();
        }
        return value;
    }

    private static final class Sha256Hex {
        static String of(byte[] bytes) {
            return org.amtsgang.document.internal.content.Sha256.hex(bytes);
        }
    }

    /** Records what the document area hands to the index; the Lucene index itself is tested in its bundle. */
    private final class RecordingIndex implements DocumentIndex {
        @Override
        public void apply(List<IndexChange> changes) {
            indexed.addAll(changes);
        }

        @Override
        public IndexHits search(IndexQuery query) {
            return new IndexHits(List.of(), 0);
        }

        @Override
        public void clear() {}

        @Override
        public long size() {
            return indexed.size();
        }
    }
}
