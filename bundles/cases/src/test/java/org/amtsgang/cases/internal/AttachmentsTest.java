package org.amtsgang.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.NewAttachment;
import org.amtsgang.cases.internal.store.CaseEntity;
import org.amtsgang.cases.internal.store.CaseStore;
import org.amtsgang.cases.internal.store.FileEntity;
import org.amtsgang.cases.internal.store.Step;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The applicant's files, stored in Derby through the real case store. */
public class AttachmentsTest {

    static final byte[] PDF = bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0};

    private static final Caller ANNA =
            new Caller("anna", PrincipalKind.CITIZEN, "Jürgen Groß", "anna@example.org", TrustLevel.BASIS, Set.of());

    private final DerbyJpa jpa = new DerbyJpa("cases", "/db/cases/V1__cases.sql", "/db/cases/V2__file_document.sql");
    private final CaseStore store = new CaseStore(jpa);
    private final Attachments attachments = new Attachments(
            store,
            // no document service: the case keeps the bytes itself (the ITs cover the document service)
            new CaseFiles(store, () -> null),
            () -> TestConfigs.cases(Map.of("maxAttachmentBytes", 1000, "maxAttachments", 3)));
    private String caseId;

    @Before
    public void draft() {
        CaseEntity c = new CaseEntity();
        c.id = "2026-7K3Q-H9XW-2M4P";
        c.serviceId = "buergeramt-meldebescheinigung";
        c.serviceVersion = "1.0.0";
        c.officeId = "buergeramt";
        c.applicant = "anna";
        c.status = "DRAFT";
        c.formData = "{}";
        c.createdAt = System.currentTimeMillis();
        c.updatedAt = c.createdAt;
        store.create(c, new Step("anna", "CREATED", null, CaseStatus.DRAFT, null, false));
        caseId = c.id;
    }

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void aPdfIsStoredAsOneStepOfTheCase() throws Exception {
        AttachmentInfo info = attachments.add(ANNA, current(), new NewAttachment("Scan.pdf", "application/pdf", PDF));

        assertThat(info.kind()).isEqualTo(AttachmentInfo.Kind.ATTACHMENT);
        assertThat(info.fileName()).isEqualTo("Scan.pdf");
        assertThat(info.contentType()).isEqualTo("application/pdf");
        assertThat(info.size()).isEqualTo(PDF.length);
        assertThat(info.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(PDF)));
        assertThat(store.file(caseId, info.id())).hasValueSatisfying(f -> {
            assertThat(f.content).isEqualTo(PDF);
            assertThat(f.addedBy).isEqualTo("anna");
        });
        CaseEntity after = current();
        assertThat(after.version).isEqualTo(2);
        assertThat(after.status).isEqualTo("DRAFT");
        assertThat(store.history(caseId)).last().satisfies(h -> {
            assertThat(h.action).isEqualTo("FILE_ATTACHED");
            assertThat(h.message).isEqualTo("Scan.pdf");
            assertThat(h.fromStatus).isEqualTo("DRAFT").isEqualTo(h.toStatus);
        });
    }

    @Test
    public void jpegAndPngAreAcceptedWithATypeAsBrowsersSendIt() {
        AttachmentInfo jpeg =
                attachments.add(ANNA, current(), new NewAttachment("foto.jpeg", "IMAGE/JPEG; charset=binary", JPEG));
        AttachmentInfo png = attachments.add(ANNA, current(), new NewAttachment("bild", " image/png ", PNG));

        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.fileName()).isEqualTo("foto.jpeg");
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.fileName()).isEqualTo("bild.png");
        assertThat(store.files(caseId)).hasSize(2);
    }

    @Test
    public void contentThatIsNotWhatItsTypeSaysIsRefused() {
        assertRefused(new NewAttachment("rechnung.pdf", "application/pdf", EXE), CaseException.Reason.BAD_REQUEST);
        assertRefused(new NewAttachment("foto.jpg", "image/jpeg", PNG), CaseException.Reason.BAD_REQUEST);
        assertRefused(new NewAttachment("bild.png", "image/png", JPEG), CaseException.Reason.BAD_REQUEST);
        assertRefused(new NewAttachment("scan.pdf", "image/png", PDF), CaseException.Reason.BAD_REQUEST);
        // too short to hold the signature at all
        assertRefused(new NewAttachment("a.pdf", "application/pdf", bytes("%PD")), CaseException.Reason.BAD_REQUEST);
    }

    @Test
    public void typesOtherThanPdfJpegAndPngAreRefused() {
        assertRefused(
                new NewAttachment("setup.exe", "application/x-msdownload", EXE), CaseException.Reason.BAD_REQUEST);
        assertRefused(new NewAttachment("a.txt", "text/plain", bytes("hello")), CaseException.Reason.BAD_REQUEST);
        assertRefused(new NewAttachment("a.svg", "image/svg+xml", bytes("<svg/>")), CaseException.Reason.BAD_REQUEST);
        assertRefused(new NewAttachment("scan.pdf", null, PDF), CaseException.Reason.BAD_REQUEST);
        assertRefused(new NewAttachment("scan.pdf", "", PDF), CaseException.Reason.BAD_REQUEST);
    }

    @Test
    public void emptyFilesAreRefused() {
        assertRefused(new NewAttachment("a.pdf", "application/pdf", new byte[0]), CaseException.Reason.BAD_REQUEST);
        assertRefused(new NewAttachment("a.pdf", "application/pdf", null), CaseException.Reason.BAD_REQUEST);
        assertRefused(null, CaseException.Reason.BAD_REQUEST);
    }

    @Test
    public void aFileAboveTheLimitIsTooLargeAndOneAtTheLimitIsTaken() {
        byte[] atLimit = Arrays.copyOf(PDF, 1000);
        byte[] above = Arrays.copyOf(PDF, 1001);

        assertRefused(new NewAttachment("gross.pdf", "application/pdf", above), CaseException.Reason.TOO_LARGE);
        assertThat(attachments
                        .add(ANNA, current(), new NewAttachment("a.pdf", "application/pdf", atLimit))
                        .size())
                .isEqualTo(1000);
    }

    @Test
    public void beyondTheMostFilesPerApplicationTheNextIsAConflict() {
        for (int i = 0; i < 3; i++) {
            attachments.add(ANNA, current(), new NewAttachment("a" + i + ".pdf", "application/pdf", PDF));
        }

        // the code's choice: the case is full (CONFLICT), rather than the file too large
        assertRefused(new NewAttachment("a3.pdf", "application/pdf", PDF), CaseException.Reason.CONFLICT);
        assertThat(store.files(caseId)).hasSize(3);
    }

    @Test
    public void noticesDoNotCountAgainstTheApplicantsFiles() {
        FileEntity notice = new FileEntity();
        notice.id = UUID.randomUUID().toString();
        notice.caseId = caseId;
        notice.kind = AttachmentInfo.Kind.NOTICE.name();
        notice.fileName = "Bescheid.pdf";
        notice.contentType = "application/pdf";
        notice.size = PDF.length;
        notice.sha256 = "0".repeat(64);
        notice.addedBy = "staff";
        notice.content = PDF;
        CaseEntity c = current();
        store.update(
                caseId,
                c.version,
                e -> {},
                new Step("staff", "X", CaseStatus.DRAFT, CaseStatus.DRAFT, null, false),
                List.of(notice));

        for (int i = 0; i < 3; i++) {
            attachments.add(ANNA, current(), new NewAttachment("a" + i + ".pdf", "application/pdf", PDF));
        }
        assertThat(store.files(caseId)).hasSize(4);

        assertThatThrownBy(() -> attachments.remove(ANNA, current(), notice.id))
                .as("a notice is not the applicant's to remove")
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(CaseException.Reason.NOT_FOUND));
        assertThat(store.files(caseId)).hasSize(4);
    }

    @Test
    public void anAttachmentIsRemovedAsAStepAndAnUnknownOneIsNotFound() {
        AttachmentInfo info = attachments.add(ANNA, current(), new NewAttachment("a.pdf", "application/pdf", PDF));

        attachments.remove(ANNA, current(), info.id());

        assertThat(store.files(caseId)).isEmpty();
        assertThat(store.history(caseId))
                .extracting(h -> h.action)
                .containsExactly("CREATED", "FILE_ATTACHED", "FILE_REMOVED");
        assertThatThrownBy(() -> attachments.remove(ANNA, current(), info.id()))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(CaseException.Reason.NOT_FOUND));
    }

    @Test
    public void aFileNameLosesItsFoldersAndControlCharactersAndGetsAFittingEnding() {
        assertThat(Attachments.fileName("../../etc/passwd", "application/pdf")).isEqualTo("passwd.pdf");
        assertThat(Attachments.fileName("C:\\Users\\anna\\Scan.PDF", "application/pdf"))
                .isEqualTo("Scan.PDF");
        assertThat(Attachments.fileName("a/b\\c.png", "image/png")).isEqualTo("c.png");
        assertThat(Attachments.fileName("Per\u0000so\nnal\"aus\r\tweis.pdf", "application/pdf"))
                .isEqualTo("Personalausweis.pdf");
        assertThat(Attachments.fileName("  Übersicht Müller.pdf  ", "application/pdf"))
                .isEqualTo("Übersicht Müller.pdf");
        assertThat(Attachments.fileName("foto.JPG", "image/jpeg")).isEqualTo("foto.JPG");
        assertThat(Attachments.fileName("foto.jpeg", "image/jpeg")).isEqualTo("foto.jpeg");
        assertThat(Attachments.fileName("foto", "image/jpeg")).isEqualTo("foto.jpg");
        assertThat(Attachments.fileName("scan.pdf", "image/png"))
                .as("the ending follows the content")
                .isEqualTo("scan.pdf.png");
        assertThat(Attachments.fileName("setup.exe", "application/pdf")).isEqualTo("setup.exe.pdf");
    }

    @Test
    public void aNameWithNothingLeftBecomesAnlage() {
        assertThat(Attachments.fileName(null, "application/pdf")).isEqualTo("Anlage.pdf");
        assertThat(Attachments.fileName("", "image/png")).isEqualTo("Anlage.png");
        assertThat(Attachments.fileName("   ", "image/jpeg")).isEqualTo("Anlage.jpg");
        assertThat(Attachments.fileName("..", "application/pdf")).isEqualTo("Anlage.pdf");
        assertThat(Attachments.fileName(".", "application/pdf")).isEqualTo("Anlage.pdf");
        assertThat(Attachments.fileName("ordner/", "application/pdf")).isEqualTo("Anlage.pdf");
        assertThat(Attachments.fileName("\u0001\u0002", "application/pdf")).isEqualTo("Anlage.pdf");
    }

    @Test
    public void aLongNameIsCutTo200CharactersKeepingItsEnding() {
        String name = Attachments.fileName("x".repeat(300) + ".pdf", "application/pdf");
        assertThat(name).hasSize(200).endsWith("xxx.pdf");

        String jpeg = Attachments.fileName("y".repeat(300) + ".jpeg", "image/jpeg");
        assertThat(jpeg).hasSize(200).endsWith(".jpg");

        assertThat(Attachments.fileName("z".repeat(196) + ".pdf", "application/pdf"))
                .hasSize(200);
    }

    @Test
    public void aStoredNameFitsItsColumn() {
        AttachmentInfo info =
                attachments.add(ANNA, current(), new NewAttachment("ä".repeat(400) + ".pdf", "application/pdf", PDF));

        assertThat(info.fileName()).hasSize(200);
        assertThat(store.files(caseId)).singleElement().satisfies(f -> assertThat(f.fileName)
                .isEqualTo(info.fileName()));
    }

    private void assertRefused(NewAttachment attachment, CaseException.Reason reason) {
        CaseEntity before = current();
        assertThatThrownBy(() -> attachments.add(ANNA, before, attachment))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        assertThat(current().version).as("nothing stored").isEqualTo(before.version);
    }

    private CaseEntity current() {
        return store.find(caseId).orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
