package org.amtsgang.payment.internal.treasury;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.amtsgang.payment.api.dto.PaymentView;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A receipt (Quittung) for a paid fee, one A4 page: who received what, for which case, when and how,
 * and where the treasury booked it. The same document serves the payer and the office.
 */
public final class ReceiptRenderer {

    private static final ZoneId CITY_TIME = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter GERMAN_TIME =
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm", Locale.GERMAN).withZone(CITY_TIME);
    private static final float MARGIN = 70;

    private final String city;
    private final String fontDirectory;

    public ReceiptRenderer(String city, String fontDirectory) {
        this.city = city;
        this.fontDirectory = fontDirectory;
    }

    /** The receipt as PDF bytes. */
    public byte[] render(PaymentView payment, String serviceTitle, long paidAtMillis) {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDFont[] fonts = fonts(document);
            boolean unicode = fonts[0] instanceof PDType0Font;
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Kassenzeichen", payment.id()});
            rows.add(new String[] {"Aktenzeichen", payment.caseId()});
            rows.add(new String[] {"Leistung", serviceTitle});
            rows.add(new String[] {"Verwendungszweck", payment.purpose()});
            rows.add(new String[] {"Betrag", Money.euro(payment.amountCents())});
            if (payment.refundedCents() > 0) {
                rows.add(new String[] {"Erstattet", Money.euro(payment.refundedCents())});
            }
            rows.add(new String[] {"Bezahlt am", GERMAN_TIME.format(Instant.ofEpochMilli(paidAtMillis))});
            rows.add(new String[] {"Zahlungsart", payment.method() == null ? "–" : payment.method()});
            rows.add(new String[] {"Zahlungsdienst", payment.provider() + " " + nullToDash(payment.providerReference())
            });
            rows.add(new String[] {"Haushaltsstelle", payment.booking().haushaltsstelle()});
            rows.add(new String[] {"Objektnummer", payment.booking().objektnummer()});
            try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                float y = PDRectangle.A4.getHeight() - MARGIN;
                y = text(out, fonts[1], 14, MARGIN, y, printable(city, unicode));
                y = text(out, fonts[0], 10, MARGIN, y - 4, "Stadtkasse");
                y = text(out, fonts[1], 18, MARGIN, y - 30, "Quittung / Receipt");
                y -= 16;
                for (String[] row : rows) {
                    text(out, fonts[1], 10, MARGIN, y, printable(row[0], unicode));
                    y = text(out, fonts[0], 10, MARGIN + 130, y, printable(row[1], unicode)) - 4;
                }
                y -= 20;
                text(
                        out,
                        fonts[0],
                        9,
                        MARGIN,
                        y,
                        printable(
                                "Diese Quittung wurde maschinell erstellt und ist ohne Unterschrift gültig.", unicode));
                text(
                        out,
                        fonts[0],
                        9,
                        MARGIN,
                        y - 12,
                        "This receipt was issued by machine and is valid without signature.");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float text(PDPageContentStream out, PDFont font, float size, float x, float y, String text)
            throws IOException {
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, y);
        out.showText(text);
        out.endText();
        return y - size * 1.4f;
    }

    private static String nullToDash(String text) {
        return text == null ? "" : text;
    }

    /** Control characters never print; without a Unicode font, accents outside Latin-1 are dropped. */
    private static String printable(String text, boolean unicode) {
        String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
        if (unicode) {
            return clean;
        }
        StringBuilder out = new StringBuilder();
        for (char c : clean.toCharArray()) {
            if (c < 256 || c == '€' || c == '–') {
                out.append(c);
            } else {
                out.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD)
                        .replaceAll("[^\\x20-\\xff]", ""));
            }
        }
        return out.toString();
    }

    private PDFont[] fonts(PDDocument document) throws IOException {
        if (fontDirectory != null && !fontDirectory.isBlank()) {
            Path regular = Path.of(fontDirectory, "DejaVuSans.ttf");
            Path bold = Path.of(fontDirectory, "DejaVuSans-Bold.ttf");
            if (Files.isReadable(regular) && Files.isReadable(bold)) {
                return new PDFont[] {
                    PDType0Font.load(document, regular.toFile()), PDType0Font.load(document, bold.toFile())
                };
            }
        }
        return new PDFont[] {
            new PDType1Font(Standard14Fonts.FontName.HELVETICA),
            new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD)
        };
    }
}
