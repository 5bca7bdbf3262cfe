package org.amtsgang.console.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.amtsgang.payment.api.PaymentException;
import org.amtsgang.payment.api.Payments;
import org.amtsgang.payment.api.dto.PaymentEvent;
import org.amtsgang.payment.api.dto.PaymentPage;
import org.amtsgang.payment.api.dto.PaymentQuery;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.dto.PaymentView;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code amtsgang:payments}: payments of all offices, newest first, filtered; or one payment with
 * everything that happened to it.
 */
@Service
@Command(
        scope = "amtsgang",
        name = "payments",
        description = "Lists payments (filter by state, office, provider, case, day), or shows one with its events.")
public class PaymentsCommand implements Action {

    private static final ZoneId CITY = ZoneId.of("Europe/Berlin");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CITY);

    @Reference
    private Payments payments;

    @Argument(index = 0, name = "payment", description = "Show this payment (its id, e.g. P2026-7K3Q-H9XW-2M4P)")
    private String paymentId;

    @Option(name = "--state", aliases = "-s", description = "Only payments in this state, e.g. STARTED, SUCCEEDED")
    private String state;

    @Option(name = "--office", aliases = "-o", description = "Only payments of this office")
    private String office;

    @Option(name = "--provider", aliases = "-p", description = "Only payments through this provider")
    private String provider;

    @Option(name = "--case", aliases = "-c", description = "Only payments of this case")
    private String caseId;

    @Option(name = "--day", aliases = "-d", description = "Only payments created on this day (YYYY-MM-DD, city time)")
    private String day;

    @Option(name = "--size", description = "How many to list (at most 1000)")
    private int size = 50;

    @Option(name = "--page", description = "Which page, from 0")
    private int page;

    @Override
    public Object execute() {
        if (paymentId != null) {
            show();
            return null;
        }
        PaymentState wanted = null;
        if (state != null) {
            try {
                wanted = PaymentState.valueOf(state.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "No state '" + state + "'; one of " + Arrays.toString(PaymentState.values()));
            }
        }
        LocalDate date = day == null ? null : LocalDate.parse(day);
        PaymentQuery query = new PaymentQuery(
                office,
                wanted,
                provider,
                caseId,
                date == null ? null : date.atStartOfDay(CITY).toInstant(),
                date == null ? null : date.plusDays(1).atStartOfDay(CITY).toInstant(),
                Math.max(0, page),
                Math.max(1, Math.min(1000, size)));
        PaymentPage found = payments.search(Actors.operator(), query);
        ShellTable table = new ShellTable();
        for (String column : new String[] {
            "Payment", "Created", "State", "XBezahl", "Amount", "Refunded", "Case", "Office", "Provider"
        }) {
            table.column(column);
        }
        for (PaymentView p : found.items()) {
            table.addRow()
                    .addContent(
                            p.id(),
                            TIME.format(p.createdAt()),
                            p.state(),
                            p.externalState(),
                            Text.euro(p.amountCents()),
                            p.refundedCents() == 0 ? "-" : Text.euro(p.refundedCents()),
                            p.caseId(),
                            p.officeId(),
                            p.provider());
        }
        table.print(System.out);
        System.out.println(found.items().size() + " of " + found.total() + " payments (page " + found.page() + ").");
        return null;
    }

    private void show() {
        PaymentView p;
        try {
            p = payments.get(Actors.operator(), paymentId);
        } catch (PaymentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        System.out.println("Payment    " + p.id());
        System.out.println("State      " + p.state() + " (XBezahldienste " + p.externalState()
                + (p.finished() ? ", finished)" : ")"));
        System.out.println("Amount     " + Text.euro(p.amountCents())
                + (p.refundedCents() > 0 ? ", refunded " + Text.euro(p.refundedCents()) : ""));
        System.out.println("Case       " + p.caseId() + " (" + p.serviceId() + ", office " + p.officeId() + ")");
        System.out.println("Payer      " + p.payer());
        System.out.println("Purpose    " + p.purpose());
        System.out.println("Booking    " + p.booking().haushaltsstelle() + " / "
                + p.booking().objektnummer());
        System.out.println("Provider   " + p.provider() + " " + Text.orDash(p.providerReference()) + ", method "
                + Text.orDash(p.method()));
        System.out.println("Created    " + TIME.format(p.createdAt()) + ", updated " + TIME.format(p.updatedAt()));
        ShellTable events = new ShellTable();
        for (String column : new String[] {"At", "Event", "From", "To", "Source", "Detail"}) {
            events.column(column);
        }
        for (PaymentEvent e : payments.events(Actors.operator(), p.id())) {
            events.addRow()
                    .addContent(
                            TIME.format(e.at()),
                            e.type(),
                            e.from() == null ? "-" : e.from(),
                            e.to(),
                            e.source(),
                            Text.orDash(e.detail()));
        }
        events.print(System.out);
    }
}
