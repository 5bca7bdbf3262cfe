package org.amtsgang.cases.internal;

import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.internal.store.OutboxEntity;
import org.amtsgang.notification.api.Mail;
import org.amtsgang.notification.api.PostfachMessage;

/** What the applicant is told of a change: in German first, then in English. */
final class Notifications {

    private Notifications() {}

    /** A message text in both languages. */
    record Text(String subject, String body) {}

    static Text text(OutboxEntity change, String serviceTitle, String portalUrl) {
        CaseStatus to = CaseStatus.valueOf(change.toStatus);
        String[] what = what(change.action, to);
        String subject = "Ihr Antrag " + change.caseId + ": " + what[0];
        StringBuilder body = new StringBuilder();
        body.append("Guten Tag")
                .append(change.applicantName == null ? "" : " " + change.applicantName)
                .append(",\n\n");
        body.append("zu Ihrem Antrag „")
                .append(serviceTitle)
                .append("“ (Aktenzeichen ")
                .append(change.caseId)
                .append("): ")
                .append(what[0])
                .append(".\n");
        // who in the office took the case is the office's business, as in the history the applicant sees
        if (change.message != null && !change.message.isBlank() && !"ASSIGNED".equals(change.action)) {
            body.append("\n").append(change.message).append("\n");
        }
        body.append("\nDetails finden Sie in Ihrem Postfach: ")
                .append(portalUrl)
                .append("\n");
        body.append("\n— English —\n\n");
        body.append("About your application \"")
                .append(serviceTitle)
                .append("\" (reference ")
                .append(change.caseId)
                .append("): ")
                .append(what[1])
                .append(".\n");
        body.append("Details are in your Postfach (portal inbox): ")
                .append(portalUrl)
                .append("\n");
        return new Text(subject, body.toString());
    }

    static PostfachMessage postfach(OutboxEntity change, Text text) {
        return new PostfachMessage(
                change.id,
                change.applicant,
                change.officeId,
                text.subject(),
                text.body(),
                change.caseId,
                java.time.Instant.ofEpochMilli(change.atMillis),
                null);
    }

    static Mail mail(OutboxEntity change, Text text) {
        return new Mail(change.applicantEmail, text.subject(), text.body());
    }

    /** The change in German and English. */
    private static String[] what(String action, CaseStatus to) {
        if ("ANSWERED".equals(action)) {
            return new String[] {"Ihre Antwort ist eingegangen", "your answer has been received"};
        }
        return switch (to) {
            case SUBMITTED -> new String[] {"Ihr Antrag ist eingegangen", "your application has been received"};
            case AWAITING_PAYMENT -> new String[] {
                "Bitte bezahlen Sie die Gebühr", "please pay the fee so that the office can start"
            };
            case IN_REVIEW -> new String[] {"Ihr Antrag wird bearbeitet", "your application is being processed"};
            case NEEDS_INFO -> new String[] {
                "Das Amt benötigt weitere Angaben von Ihnen", "the office needs further information from you"
            };
            case APPROVED -> new String[] {
                "Ihr Antrag wurde bewilligt; der Bescheid liegt bereit",
                "your application has been approved; the notice (Bescheid) is ready"
            };
            case REJECTED -> new String[] {
                "Ihr Antrag wurde abgelehnt; der Bescheid mit Begründung liegt bereit",
                "your application has been rejected; the notice (Bescheid) with the reasons is ready"
            };
            case WITHDRAWN -> new String[] {"Ihr Antrag wurde zurückgezogen", "your application has been withdrawn"};
            case CLOSED -> new String[] {"Der Vorgang ist abgeschlossen", "the case is closed"};
            case DRAFT -> new String[] {"Ihr Entwurf wurde gespeichert", "your draft has been saved"};
        };
    }
}
