package org.amtsgang.cases.internal.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.amtsgang.cases.api.spi.Notice;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Test;

/** Renders real PDFs and reads them back with PDFBox. */
public class NoticeRendererTest {

    static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu");
    static final Path NO_FONTS = Path.of("/nonexistent/fonts");

    static final String CASE_ID = "2026-7K3Q-H9XW-2M4P";

    @Test
    public void withDejaVuEveryPartOfTheLetterIsInThePdfAsWritten() throws IOException {
        assumeDejaVu();
        byte[] pdf = new NoticeRenderer(DEJAVU).render(letter("Jürgen Groß"));

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(document.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Stadt Mülheim an der Ruhr")
                    .contains("Bürgeramt")
                    .contains("An: Jürgen Groß")
                    .contains("Aktenzeichen: " + CASE_ID)
                    .contains("Datum: 01.03.2026")
                    .contains("Bescheid: Meldebescheinigung")
                    .contains("wird stattgegeben")
                    .contains("Begründung: Die Angaben stimmen mit dem Melderegister überein.")
                    .contains("Rechtsbehelfsbelehrung")
                    .contains("Anschrift")
                    .contains("Schloßstraße 5, 45468 Mülheim")
                    .contains("Entschieden durch");
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Bescheid: Meldebescheinigung – " + CASE_ID);
            assertThat(document.getDocumentInformation().getAuthor()).isEqualTo("Stadt Mülheim an der Ruhr, Bürgeramt");
            Calendar created = document.getDocumentInformation().getCreationDate();
            assertThat(created.get(Calendar.YEAR)).isEqualTo(2026);
            assertThat(created.get(Calendar.MONTH)).isEqualTo(Calendar.MARCH);
            assertThat(created.get(Calendar.DAY_OF_MONTH)).isEqualTo(1);
        }
    }

    @Test
    public void withDejaVuNamesBeyondLatin1PrintExactly() throws IOException {
        assumeDejaVu();
        String text = text(new NoticeRenderer(DEJAVU).render(letter("Ayşe Yılmaz-Łukasiewicz")));

        assertThat(text).contains("An: Ayşe Yılmaz-Łukasiewicz");
    }

    @Test
    public void withoutFontsTheNoticeStillRendersWithGermanLettersIntact() throws IOException {
        byte[] pdf = new NoticeRenderer(NO_FONTS).render(letter("Jürgen Groß"));

        String text = text(pdf);
        assertThat(text)
                .contains("Stadt Mülheim an der Ruhr")
                .contains("An: Jürgen Groß")
                .contains("Aktenzeichen: " + CASE_ID)
                .contains("Bescheid: Meldebescheinigung")
                .contains("Begründung: Die Angaben stimmen mit dem Melderegister überein.")
                .contains("Schloßstraße 5, 45468 Mülheim")
                // the few typographic marks of German text outside Latin-1 that the standard fonts have
                .contains("„Meldebescheinigung“")
                .contains("10,00 €");
    }

    @Test
    public void withoutAFontDirectoryTheStandardFontsAreUsed() throws IOException {
        assertThat(text(new NoticeRenderer(null).render(letter("Jürgen Groß")))).contains("An: Jürgen Groß");
    }

    @Test
    public void aFontDirectoryWithoutTheBoldFontFallsBackToTheStandardFonts() throws IOException {
        assumeDejaVu();
        Path half = Files.createTempDirectory("fonts");
        try {
            Files.copy(DEJAVU.resolve("DejaVuSans.ttf"), half.resolve("DejaVuSans.ttf"));
            String text = text(new NoticeRenderer(half).render(letter("Yılmaz")));
            assertThat(text).as("standard fonts: the dotless i printed as i").contains("An: Yilmaz");
        } finally {
            Files.deleteIfExists(half.resolve("DejaVuSans.ttf"));
            Files.deleteIfExists(half);
        }
    }

    @Test
    public void withoutFontsLettersBeyondLatin1LoseTheirAccentsOnly() throws IOException {
        String text = text(new NoticeRenderer(NO_FONTS).render(letter("Ayşe Yılmaz Čapek")));

        assertThat(text).contains("An: Ayse Yilmaz Capek");
    }

    @Test
    public void aLongNoticeFlowsOntoFurtherPagesWithNothingLost() throws IOException {
        assumeDejaVu();
        List<String> paragraphs = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            paragraphs.add("Absatz " + i + ": Die Prüfung der Unterlagen hat ergeben, dass die Voraussetzungen"
                    + " nach dem Bundesmeldegesetz für die Ausstellung einer erweiterten Meldebescheinigung"
                    + " vorliegen; übrige Angaben bleiben unberührt.");
        }
        List<Notice.Fact> facts = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            facts.add(new Notice.Fact("Frühere Anschrift " + i, "Straße " + i + ", 45468 Mülheim an der Ruhr"));
        }
        Letter letter = new Letter(
                "Stadt Mülheim an der Ruhr",
                "Bürgeramt",
                CASE_ID,
                LocalDate.of(2026, 3, 1),
                "Jürgen Groß",
                new Notice("Erweiterte Meldebescheinigung", paragraphs, facts),
                List.of("Begründung: vollständig."),
                "Elektronisch erstellt.");

        try (PDDocument document = Loader.loadPDF(new NoticeRenderer(DEJAVU).render(letter))) {
            assertThat(document.getNumberOfPages()).isGreaterThan(2);
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            for (int i = 1; i <= 60; i++) {
                assertThat(text).contains("Absatz " + i + ":");
            }
            for (int i = 1; i <= 30; i++) {
                assertThat(text).contains("Frühere Anschrift " + i + " Straße " + i + ",");
            }
            assertThat(text).contains("Elektronisch erstellt.");
        }
    }

    @Test
    public void lineBreaksAndTabsInTheTextDoNotBreakTheLayout() throws IOException {
        Letter letter = new Letter(
                "Stadt Mülheim an der Ruhr",
                "Bürgeramt",
                CASE_ID,
                LocalDate.of(2026, 3, 1),
                "Jürgen\tGroß",
                new Notice("Bescheid", List.of("Zeile eins\r\nZeile zwei"), List.of(new Notice.Fact("A\nB", "C\tD"))),
                List.of("Begründung:\nweil."),
                "Amt");

        for (Path fonts : new Path[] {DEJAVU, NO_FONTS}) {
            assertThat(text(new NoticeRenderer(fonts).render(letter)))
                    .contains("Zeile eins")
                    .contains("Zeile zwei")
                    .contains("weil.");
        }
    }

    @Test
    public void aNameTheFontDoesNotCoverStillGivesANotice() throws IOException {
        assumeDejaVu();
        String text = text(new NoticeRenderer(DEJAVU).render(letter("张伟")));

        assertThat(text).contains("Aktenzeichen: " + CASE_ID);
    }

    @Test
    public void controlCharactersAreDroppedNotFatal() throws IOException {
        for (Path fonts : new Path[] {DEJAVU, NO_FONTS}) {
            String text = text(new NoticeRenderer(fonts).render(letter("Jürgen\u0007 Groß\u0000\u0081")));
            assertThat(text).contains("Jürgen").contains("Groß");
        }
    }

    @Test
    public void typographicApostrophesPrintWithTheStandardFonts() throws IOException {
        assertThat(text(new NoticeRenderer(NO_FONTS).render(letter("Seán O’Brien"))))
                .contains("An: Seán O’Brien");
    }

    @Test
    public void theLetterKeepsItsOwnCopyOfTheClosingParagraphs() {
        List<String> closing = new ArrayList<>(List.of("Begründung: a"));
        Letter letter = new Letter("Stadt", "Amt", CASE_ID, LocalDate.of(2026, 3, 1), "A", notice(), closing, "s");
        closing.add("später angefügt");

        assertThat(letter.closing()).containsExactly("Begründung: a");
        assertThatThrownBy(() -> letter.closing().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    static Letter letter(String addressee) {
        return new Letter(
                "Stadt Mülheim an der Ruhr",
                "Bürgeramt",
                CASE_ID,
                LocalDate.of(2026, 3, 1),
                addressee,
                notice(),
                List.of(
                        "Begründung: Die Angaben stimmen mit dem Melderegister überein.",
                        "Für diesen Bescheid wird eine Gebühr von 10,00 € erhoben.",
                        "Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats Klage erhoben"
                                + " werden."),
                "Entschieden durch eine Mitarbeiterin oder einen Mitarbeiter des Amtes Bürgeramt.");
    }

    private static Notice notice() {
        return new Notice(
                "Bescheid: Meldebescheinigung",
                List.of("Ihrem Antrag „Meldebescheinigung“ vom 27.02.2026 wird stattgegeben."),
                List.of(
                        new Notice.Fact("Name", "Jürgen Groß"),
                        new Notice.Fact("Anschrift", "Schloßstraße 5, 45468 Mülheim an der Ruhr")));
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static void assumeDejaVu() {
        assumeTrue(
                "DejaVu fonts installed",
                Files.isReadable(DEJAVU.resolve("DejaVuSans.ttf"))
                        && Files.isReadable(DEJAVU.resolve("DejaVuSans-Bold.ttf")));
    }
}
