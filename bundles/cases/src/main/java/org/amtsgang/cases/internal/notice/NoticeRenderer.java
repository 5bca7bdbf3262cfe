package org.amtsgang.cases.internal.notice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.amtsgang.cases.api.spi.Notice;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Lays out a notice (Bescheid) as an A4 PDF: letterhead, addressee, reference and date, the
 * office's title, text and facts, then reasons and legal remedy, on as many pages as it takes.
 *
 * <p>With a Unicode font (DejaVu Sans, from the operator's font folder) every name prints as
 * written; without one the PDF's standard fonts are used and letters outside Latin-1 are printed
 * without their accents (Yılmaz as Yilmaz), which is legible but not exact.
 */
public final class NoticeRenderer {

    private static final float MARGIN = 70;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.GERMAN);

    private final Path fontDirectory;

    /** @param fontDirectory where DejaVuSans.ttf and DejaVuSans-Bold.ttf are, or null */
    public NoticeRenderer(Path fontDirectory) {
        this.fontDirectory = fontDirectory;
    }

    /** The notice as PDF bytes. */
    public byte[] render(Letter letter) {
        try (PDDocument document = new PDDocument()) {
            Fonts fonts = fonts(document);
            Writer out = new Writer(document, fonts);
            Notice notice = letter.notice();

            out.line(fonts.bold, 13, letter.city());
            out.line(fonts.regular, 11, letter.office());
            out.gap(28);
            out.line(fonts.regular, 10, "An: " + letter.addressee());
            out.gap(14);
            out.line(fonts.regular, 10, "Aktenzeichen: " + letter.reference());
            out.line(fonts.regular, 10, "Datum: " + GERMAN_DATE.format(letter.date()));
            out.gap(24);
            out.line(fonts.bold, 15, notice.title());
            out.gap(10);
            for (String paragraph : notice.paragraphs()) {
                out.paragraph(fonts.regular, 11, paragraph);
            }
            if (!notice.facts().isEmpty()) {
                out.gap(4);
                for (Notice.Fact fact : notice.facts()) {
                    out.fact(fonts, fact.label(), fact.value());
                }
                out.gap(10);
            }
            for (String paragraph : letter.closing()) {
                out.paragraph(fonts.regular, 10, paragraph);
            }
            out.gap(12);
            out.paragraph(fonts.regular, 10, letter.signature());
            out.close();

            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(notice.title() + " – " + letter.reference());
            info.setAuthor(letter.city() + ", " + letter.office());
            info.setCreator("Amtsgang");
            Calendar created = GregorianCalendar.from(letter.date().atStartOfDay(ZoneId.of("Europe/Berlin")));
            created.setTimeZone(TimeZone.getTimeZone("Europe/Berlin"));
            info.setCreationDate(created);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The notice could not be laid out", e);
        }
    }

    private Fonts fonts(PDDocument document) throws IOException {
        if (fontDirectory != null) {
            Path regular = fontDirectory.resolve("DejaVuSans.ttf");
            Path bold = fontDirectory.resolve("DejaVuSans-Bold.ttf");
            if (Files.isReadable(regular) && Files.isReadable(bold)) {
                return new Fonts(
                        PDType0Font.load(document, regular.toFile()), PDType0Font.load(document, bold.toFile()), true);
            }
        }
        return new Fonts(
                new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD),
                false);
    }

    private record Fonts(PDFont regular, PDFont bold, boolean unicode, Map<Integer, String> printed) {

        Fonts(PDFont regular, PDFont bold, boolean unicode) {
            this(regular, bold, unicode, new HashMap<>());
        }

        /**
         * The text as both fonts can print it: whatever a citizen typed must never stop a notice,
         * so control characters go, and a letter the fonts lack prints without its accents or as
         * "?".
         */
        String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> out.append(printed.computeIfAbsent(cp, this::printable)));
            return out.toString();
        }

        private String printable(int cp) {
            if (cp == '\t' || cp == '\r' || cp == '\n') {
                return " ";
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE) {
                return "";
            }
            String letter = new String(Character.toChars(cp));
            if (fits(letter)) {
                return letter;
            }
            if (cp == 'ı') {
                return "i";
            }
            String plain = Normalizer.normalize(letter, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            return !plain.isEmpty() && !plain.equals(letter) && fits(plain) ? plain : "?";
        }

        private boolean fits(String letter) {
            try {
                regular.encode(letter);
                bold.encode(letter);
                return true;
            } catch (IOException | RuntimeException e) {
                return false; // PDFBox says "no glyph" with one of several exceptions
            }
        }
    }

    /** Writes lines top to bottom, starting a new page when one is full. */
    private static final class Writer {
        private final PDDocument document;
        private final Fonts fonts;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument document, Fonts fonts) throws IOException {
            this.document = document;
            this.fonts = fonts;
            newPage();
        }

        void line(PDFont font, float size, String text) throws IOException {
            ensure(size * 1.4f);
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(fonts.printable(text));
            stream.endText();
            y -= size * 1.4f;
        }

        void paragraph(PDFont font, float size, String text) throws IOException {
            for (String line : wrap(font, size, fonts.printable(text), WIDTH)) {
                line(font, size, line);
            }
            gap(size * 0.6f);
        }

        void fact(Fonts fonts, String label, String value) throws IOException {
            float labelWidth = WIDTH * 0.35f;
            List<String> lines = wrap(fonts.regular, 10, fonts.printable(value), WIDTH - labelWidth);
            for (int i = 0; i < lines.size(); i++) {
                ensure(14);
                if (i == 0) {
                    stream.beginText();
                    stream.setFont(fonts.bold, 10);
                    stream.newLineAtOffset(MARGIN, y);
                    stream.showText(fonts.printable(label));
                    stream.endText();
                }
                stream.beginText();
                stream.setFont(fonts.regular, 10);
                stream.newLineAtOffset(MARGIN + labelWidth, y);
                stream.showText(lines.get(i));
                stream.endText();
                y -= 14;
            }
        }

        void gap(float height) {
            y -= height;
        }

        void close() throws IOException {
            stream.close();
        }

        private void ensure(float height) throws IOException {
            if (y - height < MARGIN) {
                stream.close();
                newPage();
            }
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" +")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size <= width || line.length() == 0) {
                    line.setLength(0);
                    line.append(candidate);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            lines.add(line.toString());
            return lines;
        }
    }
}
