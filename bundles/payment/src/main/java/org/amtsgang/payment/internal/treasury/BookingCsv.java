package org.amtsgang.payment.internal.treasury;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.amtsgang.payment.api.dto.BookingExport;
import org.amtsgang.payment.api.dto.BookingLine;

/**
 * The day's bookings as CSV for the treasury (Stadtkasse): semicolon-separated, decimal comma, as
 * German spreadsheet and finance software read it. Rows of kind {@code B} are bookings, rows of
 * kind {@code S} the day's total per Haushaltsstelle. Text that a spreadsheet would take for a
 * formula is defused.
 */
public final class BookingCsv {

    static final List<String> HEADER = List.of(
            "Satzart",
            "Buchungsdatum",
            "Haushaltsstelle",
            "Objektnummer",
            "Betrag",
            "BetragCent",
            "Kassenzeichen",
            "Aktenzeichen",
            "Leistung",
            "Verwendungszweck",
            "Zahlungsdienst",
            "Referenz",
            "Buchungs-ID");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.of("Europe/Berlin"));

    private BookingCsv() {}

    public static String of(BookingExport export) {
        StringBuilder csv = new StringBuilder();
        row(csv, HEADER);
        for (BookingLine l : export.lines()) {
            row(
                    csv,
                    List.of(
                            "B",
                            TIME.format(l.bookedAt()),
                            l.booking().haushaltsstelle(),
                            l.booking().objektnummer(),
                            Money.decimal(l.amountCents()),
                            Long.toString(l.amountCents()),
                            l.paymentId(),
                            l.caseId(),
                            l.serviceId(),
                            l.purpose(),
                            l.provider(),
                            l.providerReference() == null ? "" : l.providerReference(),
                            l.id()));
        }
        for (Map.Entry<String, Long> total : export.totalsByHaushaltsstelle().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .toList()) {
            row(
                    csv,
                    List.of(
                            "S",
                            export.day().toString(),
                            total.getKey(),
                            "",
                            Money.decimal(total.getValue()),
                            Long.toString(total.getValue()),
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            ""));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(';');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

    public static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v; // a formula in a spreadsheet would run on the clerk's machine
        }
        if (v.indexOf(';') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
