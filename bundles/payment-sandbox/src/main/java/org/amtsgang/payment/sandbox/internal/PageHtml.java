package org.amtsgang.payment.sandbox.internal;

import java.util.Locale;
import org.amtsgang.payment.api.spi.ProviderOutcome;

/**
 * The hosted payment page: German first, English below each text (marked {@code lang="en"} for
 * screen readers). Everything from outside is escaped.
 */
final class PageHtml {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;"
            + "padding:0 1rem;color:#1b1b1b}.banner{background:#fff3cd;border:2px solid #b58100;padding:.75rem;"
            + "border-radius:.25rem}.en{display:block;color:#555;font-size:.9em}dt{font-weight:bold;margin-top:.5rem}"
            + "fieldset{margin:1rem 0}label{display:block;margin:.25rem 0}button{margin:.5rem .5rem 0 0;"
            + "padding:.5rem 1rem;font-size:1rem}button.pay{background:#0b6e2e;color:#fff}"
            + "details{margin:1rem 0}.state{font-size:1.2em;font-weight:bold}";

    private PageHtml() {}

    /** The page for a session in any state: buttons only for what the session still allows. */
    static String render(Session s, Chaos defaults) {
        StringBuilder html = new StringBuilder(4096)
                .append("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Testzahlung (Sandbox) – Test payment</title>\n")
                .append("<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n")
                .append("<p class=\"banner\" role=\"note\"><strong>Test-Zahlungsanbieter:</strong> Hier wird kein")
                .append(" Geld bewegt. Diese Seite simuliert einen Zahlungsdienstleister für Tests.")
                .append("<span class=\"en\" lang=\"en\"><strong>Test payment provider:</strong> no money moves")
                .append(" here. This page simulates a payment service provider for testing.</span></p>\n")
                .append("<h1>Testzahlung (Sandbox)<span class=\"en\" lang=\"en\">Test payment (sandbox)</span></h1>\n")
                .append("<dl>\n");
        term(html, "Betrag", "Amount", euros(s.amountCents()));
        term(html, "Verwendungszweck", "Purpose", s.purpose() == null ? "–" : s.purpose());
        term(html, "Referenz", "Reference", s.reference());
        html.append("</dl>\n<p class=\"state\" role=\"status\">Status: ")
                .append(stateDe(s.outcome()))
                .append("<span class=\"en\" lang=\"en\">Status: ")
                .append(stateEn(s.outcome()))
                .append("</span></p>\n");
        if (s.outcome() == ProviderOutcome.FAILED) {
            html.append("<p>Die Zahlung ist gescheitert. Sie können es erneut versuchen.")
                    .append("<span class=\"en\" lang=\"en\">The payment failed. You can try again.</span></p>\n");
        }
        if (Outcomes.allowed(s.outcome(), ProviderOutcome.SUCCEEDED)) {
            form(html, s, defaults);
        } else {
            back(html, s);
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void form(StringBuilder html, Session s, Chaos defaults) {
        String chosen = s.method() == null ? Outcomes.METHODS.get(0) : s.method();
        // no action: the form posts to the page's own URL, whatever proxy the tester reached it through
        html.append("<form method=\"post\">\n<fieldset>\n<legend>Zahlungsart")
                .append("<span class=\"en\" lang=\"en\">Payment method</span></legend>\n");
        method(html, "card", "Kreditkarte", "Credit card", chosen);
        method(html, "sepa-debit", "SEPA-Lastschrift", "SEPA direct debit", chosen);
        method(html, "paypal", "PayPal-ähnlich", "PayPal-like", chosen);
        html.append("</fieldset>\n<details>\n<summary>Testoptionen")
                .append("<span class=\"en\" lang=\"en\">Options for testers</span></summary>\n")
                .append("<label>Benachrichtigung verzögern um (ms)")
                .append("<span class=\"en\" lang=\"en\">Delay the notification by (ms)</span>")
                .append("<input type=\"number\" name=\"delayMillis\" min=\"0\" max=\"")
                .append(PaymentForm.MAX_DELAY_MILLIS)
                .append("\" value=\"")
                .append(defaults.delayMillis())
                .append("\"></label>\n<label>Zusätzliche Kopien jeder Benachrichtigung")
                .append("<span class=\"en\" lang=\"en\">Extra copies of each notification</span>")
                .append("<input type=\"number\" name=\"duplicates\" min=\"0\" max=\"")
                .append(PaymentForm.MAX_DUPLICATES)
                .append("\" value=\"")
                .append(defaults.duplicates())
                .append("\"></label>\n<label>Veraltete Benachrichtigung nachsenden, Reihenfolge mischen")
                .append("<span class=\"en\" lang=\"en\">Send an outdated notification after, shuffle the order</span>")
                .append("<select name=\"reorder\">")
                .append(option("false", "nein / no", !defaults.reorder()))
                .append(option("true", "ja / yes", defaults.reorder()))
                .append("</select></label>\n</details>\n")
                .append("<button type=\"submit\" class=\"pay\" name=\"outcome\" value=\"success\">Bezahlen")
                .append("<span class=\"en\" lang=\"en\">Pay</span></button>\n");
        if (Outcomes.allowed(s.outcome(), ProviderOutcome.FAILED)) {
            html.append("<button type=\"submit\" name=\"outcome\" value=\"failure\">Zahlung scheitern lassen")
                    .append("<span class=\"en\" lang=\"en\">Make the payment fail</span></button>\n");
        }
        if (Outcomes.allowed(s.outcome(), ProviderOutcome.CANCELLED)) {
            html.append("<button type=\"submit\" name=\"outcome\" value=\"cancel\">Abbrechen")
                    .append("<span class=\"en\" lang=\"en\">Cancel</span></button>\n");
        }
        html.append("</form>\n");
    }

    private static void back(StringBuilder html, Session s) {
        String target = SessionPages.returnTo(s);
        if (target != null) {
            html.append("<p><a href=\"")
                    .append(escape(target))
                    .append(
                            "\">Zurück zum Antrag<span class=\"en\" lang=\"en\">Back to the application</span></a></p>\n");
        }
    }

    private static void term(StringBuilder html, String de, String en, String value) {
        html.append("<dt>")
                .append(de)
                .append(" <span lang=\"en\">(")
                .append(en)
                .append(")</span></dt><dd>")
                .append(escape(value))
                .append("</dd>\n");
    }

    private static void method(StringBuilder html, String value, String de, String en, String chosen) {
        html.append("<label><input type=\"radio\" name=\"method\" value=\"")
                .append(value)
                .append('"')
                .append(value.equals(chosen) ? " checked" : "")
                .append("> ")
                .append(de)
                .append(" <span lang=\"en\">(")
                .append(en)
                .append(")</span></label>\n");
    }

    private static String option(String value, String label, boolean selected) {
        return "<option value=\"" + value + "\"" + (selected ? " selected" : "") + ">" + label + "</option>";
    }

    /** An amount as German payers read it: {@code 1.234,50 €}. */
    static String euros(long cents) {
        long abs = Math.abs(cents);
        return (cents < 0 ? "-" : "") + String.format(Locale.GERMANY, "%,d,%02d €", abs / 100, abs % 100);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String stateDe(ProviderOutcome outcome) {
        return switch (outcome) {
            case OPEN -> "offen";
            case AUTHORISED -> "autorisiert";
            case SUCCEEDED -> "bezahlt";
            case FAILED -> "gescheitert";
            case CANCELLED -> "abgebrochen";
        };
    }

    private static String stateEn(ProviderOutcome outcome) {
        return switch (outcome) {
            case OPEN -> "open";
            case AUTHORISED -> "authorised";
            case SUCCEEDED -> "paid";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
    }
}
