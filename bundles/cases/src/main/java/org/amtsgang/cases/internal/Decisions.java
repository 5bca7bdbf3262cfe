package org.amtsgang.cases.internal;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.cases.api.spi.Notice;
import org.amtsgang.cases.internal.notice.Letter;
import org.amtsgang.cases.internal.notice.NoticeRenderer;
import org.amtsgang.cases.internal.store.CaseEntity;
import org.amtsgang.cases.internal.store.CaseStore;
import org.amtsgang.cases.internal.store.FileEntity;
import org.amtsgang.cases.internal.store.Step;
import org.amtsgang.catalog.api.OfficeRegistry;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.persistence.api.RandomBits;

/**
 * Records decisions. Callers have checked that a member of the responsible office's staff decides:
 * this class is reached from nowhere else. A decision takes effect with its notice (Bescheid),
 * written before the transaction and stored in it.
 */
final class Decisions {

    private final CaseStore store;
    private final OfficeHooks hooks;
    private final ServiceCatalog catalog;
    private final OfficeRegistry offices;
    private final Supplier<CasesConfig> config;

    private final CaseFiles files;

    Decisions(
            CaseStore store,
            OfficeHooks hooks,
            ServiceCatalog catalog,
            OfficeRegistry offices,
            CaseFiles files,
            Supplier<CasesConfig> config) {
        this.store = store;
        this.files = files;
        this.hooks = hooks;
        this.catalog = catalog;
        this.offices = offices;
        this.config = config;
    }

    /** Under the four-eyes rule: the decision waits for a second member of staff. */
    CaseView propose(Caller staff, CaseEntity c, DecisionKind kind, String reason) {
        long now = System.currentTimeMillis();
        CaseStatus status = CaseStatus.valueOf(c.status);
        return Views.of(
                store.update(
                        c.id,
                        c.version,
                        e -> {
                            e.decisionKind = kind.name();
                            e.decisionReason = reason;
                            e.decidedBy = staff.subject();
                            e.decidedAt = now;
                            e.confirmedBy = null;
                            e.confirmedAt = null;
                        },
                        new Step(staff.subject(), "DECISION_PROPOSED", status, status, kind + ": " + reason, false),
                        List.of()),
                true);
    }

    /**
     * The decision takes effect.
     *
     * @param author who decided; null if {@code staff} decides alone, else the proposer whom {@code
     *     staff} confirms
     */
    CaseView take(Caller staff, CaseEntity c, DecisionKind kind, String reason, String author) {
        long now = System.currentTimeMillis();
        CaseStatus from = CaseStatus.valueOf(c.status);
        CaseStatus to = kind == DecisionKind.APPROVE ? CaseStatus.APPROVED : CaseStatus.REJECTED;
        ServiceDescriptor service = catalog.service(c.serviceId).orElse(null);

        CaseView decided = Views.of(c, true);
        decided = new CaseView(
                decided.id(),
                decided.serviceId(),
                decided.serviceVersion(),
                decided.officeId(),
                decided.applicant(),
                decided.applicantName(),
                to,
                decided.formData(),
                decided.createdAt(),
                decided.submittedAt(),
                decided.dueDate(),
                decided.assignee(),
                null,
                decided.feeCents(),
                decided.version());
        long fee = c.feeCents;
        if (kind == DecisionKind.APPROVE
                && service != null
                && service.paymentPolicy() == PaymentPolicy.AFTER_DECISION) {
            fee = hooks.feeAfterDecision(decided).orElse(c.feeCents);
        }
        Notice content = kind == DecisionKind.APPROVE
                ? hooks.notice(decided).orElseGet(() -> approval(service, c))
                : rejection(service, c);
        FileEntity notice = noticeFile(c, letter(c, content, kind, reason, fee, author != null), staff, now);

        long finalFee = fee;
        // the notice is written with the decision, in its transaction, and moved to the documents after
        CaseEntity taken = store.update(
                c.id,
                c.version,
                e -> {
                    e.status = to.name();
                    e.decisionKind = kind.name();
                    e.decisionReason = reason;
                    e.decidedBy = author == null ? staff.subject() : author;
                    e.decidedAt = author == null ? now : e.decidedAt;
                    e.confirmedBy = author == null ? null : staff.subject();
                    e.confirmedAt = author == null ? null : now;
                    e.feeCents = finalFee;
                },
                new Step(staff.subject(), author == null ? "DECIDED" : "DECISION_CONFIRMED", from, to, reason, true),
                List.of(notice));
        files.move(staff, taken, notice);
        return Views.of(taken, true);
    }

    private Letter letter(CaseEntity c, Notice content, DecisionKind kind, String reason, long fee, boolean fourEyes) {
        String office = offices.office(c.officeId).map(o -> o.name().de()).orElse(c.officeId);
        List<String> closing = new ArrayList<>();
        closing.add((kind == DecisionKind.APPROVE ? "Hinweise: " : "Begründung: ") + reason);
        if (kind == DecisionKind.APPROVE && fee > 0) {
            closing.add("Für diesen Bescheid wird eine Gebühr von "
                    + String.format(Locale.GERMANY, "%,.2f", fee / 100.0) + " EUR erhoben.");
        }
        closing.add("Rechtsbehelfsbelehrung: Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe"
                + " Klage beim zuständigen Verwaltungsgericht erhoben werden.");
        String signature = "Entschieden durch eine Mitarbeiterin oder einen Mitarbeiter des Amtes " + office
                + (fourEyes ? " und bestätigt durch eine zweite Person (Vier-Augen-Prinzip)" : "")
                + ". Dieses Schreiben wurde elektronisch erstellt und ist ohne Unterschrift gültig.";
        return new Letter(
                config.get().cityName(),
                office,
                c.id,
                LocalDate.now(Views.CITY_TIME),
                c.applicantName == null ? "Antragstellerin / Antragsteller" : c.applicantName,
                content,
                closing,
                signature);
    }

    private FileEntity noticeFile(CaseEntity c, Letter letter, Caller staff, long now) {
        String directory = config.get().fontDirectory();
        byte[] pdf =
                new NoticeRenderer(directory == null || directory.isBlank() ? null : Path.of(directory)).render(letter);
        FileEntity f = new FileEntity();
        f.id = RandomBits.uuid();
        f.caseId = c.id;
        f.kind = AttachmentInfo.Kind.NOTICE.name();
        f.fileName = "Bescheid-" + c.id + ".pdf";
        f.contentType = "application/pdf";
        f.size = pdf.length;
        f.sha256 = sha256(pdf);
        f.addedAt = now;
        f.addedBy = staff.subject();
        f.content = pdf;
        return f;
    }

    private static Notice approval(ServiceDescriptor service, CaseEntity c) {
        String title = service == null ? c.serviceId : service.title().de();
        return new Notice(
                "Bescheid: " + title,
                List.of("Ihrem Antrag „" + title + "“ vom "
                        + Views.dateOf(c.submittedAt == null ? c.createdAt : c.submittedAt)
                        + " wird stattgegeben."),
                List.of());
    }

    private static Notice rejection(ServiceDescriptor service, CaseEntity c) {
        String title = service == null ? c.serviceId : service.title().de();
        return new Notice(
                "Ablehnungsbescheid: " + title,
                List.of("Ihr Antrag „" + title + "“ vom "
                        + Views.dateOf(c.submittedAt == null ? c.createdAt : c.submittedAt)
                        + " wird abgelehnt. Die Gründe finden Sie unten."),
                List.of());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
