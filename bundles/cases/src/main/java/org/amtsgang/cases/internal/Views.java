package org.amtsgang.cases.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.Decision;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.cases.api.dto.HistoryEntry;
import org.amtsgang.cases.internal.store.CaseEntity;
import org.amtsgang.cases.internal.store.FileEntity;
import org.amtsgang.cases.internal.store.HistoryEntity;

/** Maps the stored case to what callers see; applicants see staff as their office. */
final class Views {

    /** Deadlines run in the city's time: a case is due by the end of its due day there. */
    static final ZoneId CITY_TIME = ZoneId.of("Europe/Berlin");

    private Views() {}

    static CaseView of(CaseEntity c, boolean withForm) {
        return new CaseView(
                c.id,
                c.serviceId,
                c.serviceVersion,
                c.officeId,
                c.applicant,
                c.applicantName,
                CaseStatus.valueOf(c.status),
                withForm ? c.formData : null,
                Instant.ofEpochMilli(c.createdAt),
                c.submittedAt == null ? null : Instant.ofEpochMilli(c.submittedAt),
                dueDate(c.dueAt),
                c.assignee == null || c.assignee.isEmpty() ? null : c.assignee,
                decision(c, c.decidedBy, c.confirmedBy),
                c.feeCents,
                c.version);
    }

    /** The case as its applicant sees it: who in the office worked on it is the office's business. */
    static CaseView forApplicant(CaseEntity c) {
        CaseView full = of(c, true);
        CaseStatus status = full.status();
        // a decision proposed under the four-eyes rule is not a decision until confirmed
        Decision decision = status.decided() || status == CaseStatus.CLOSED
                ? decision(c, c.decidedBy == null ? null : c.officeId, c.confirmedBy == null ? null : c.officeId)
                : null;
        return new CaseView(
                full.id(),
                full.serviceId(),
                full.serviceVersion(),
                full.officeId(),
                full.applicant(),
                full.applicantName(),
                status,
                full.formData(),
                full.createdAt(),
                full.submittedAt(),
                full.dueDate(),
                null,
                decision,
                full.feeCents(),
                full.version());
    }

    static HistoryEntry of(HistoryEntity h, String shownActor, String shownMessage) {
        return new HistoryEntry(
                Instant.ofEpochMilli(h.atMillis),
                shownActor,
                h.action,
                h.fromStatus == null ? null : CaseStatus.valueOf(h.fromStatus),
                CaseStatus.valueOf(h.toStatus),
                shownMessage);
    }

    static AttachmentInfo of(FileEntity f) {
        return new AttachmentInfo(
                f.id,
                AttachmentInfo.Kind.valueOf(f.kind),
                f.fileName,
                f.contentType,
                f.size,
                f.sha256,
                Instant.ofEpochMilli(f.addedAt),
                f.documentId);
    }

    /** The end of the due day, as a timestamp the inbox orders by. */
    static long dueAt(long submittedAt, int deadlineDays) {
        LocalDate due = Instant.ofEpochMilli(submittedAt)
                .atZone(CITY_TIME)
                .toLocalDate()
                .plusDays(deadlineDays);
        return due.plusDays(1).atStartOfDay(CITY_TIME).toInstant().toEpochMilli();
    }

    /** A moment as a German date, e.g. 27.11.2026. */
    static String dateOf(long millis) {
        return java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy")
                .format(Instant.ofEpochMilli(millis).atZone(CITY_TIME));
    }

    private static LocalDate dueDate(Long dueAt) {
        return dueAt == null
                ? null
                : Instant.ofEpochMilli(dueAt - 1).atZone(CITY_TIME).toLocalDate();
    }

    private static Decision decision(CaseEntity c, String decidedBy, String confirmedBy) {
        if (c.decisionKind == null) {
            return null;
        }
        return new Decision(
                DecisionKind.valueOf(c.decisionKind),
                c.decisionReason,
                decidedBy,
                c.decidedAt == null ? null : Instant.ofEpochMilli(c.decidedAt),
                confirmedBy,
                c.confirmedAt == null ? null : Instant.ofEpochMilli(c.confirmedAt));
    }
}
