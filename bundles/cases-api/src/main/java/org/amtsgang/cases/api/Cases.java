package org.amtsgang.cases.api;

import java.util.List;
import java.util.Optional;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseDocument;
import org.amtsgang.cases.api.dto.CasePage;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.CreatedCase;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.cases.api.dto.FilesMoved;
import org.amtsgang.cases.api.dto.HistoryEntry;
import org.amtsgang.cases.api.dto.InboxQuery;
import org.amtsgang.cases.api.dto.NewApplication;
import org.amtsgang.cases.api.dto.NewAttachment;
import org.amtsgang.cases.api.dto.Recommendation;
import org.amtsgang.identity.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Applications and their handling. Every method acts for a {@link Caller} and checks that the case
 * is theirs: the applicant's own, or, for staff, one of their office. Failures are {@link
 * CaseException}s saying why.
 */
@ProviderType
public interface Cases {

    /**
     * Starts an application (a draft, or handed in at once). The idempotency key makes a repeated
     * request return the case the first one created; the same key with another body is refused.
     */
    CreatedCase create(Caller applicant, NewApplication application, String idempotencyKey);

    /** Replaces a draft's form; {@code expectedVersion} guards against lost updates. */
    CaseView updateDraft(Caller applicant, String caseId, String formData, long expectedVersion);

    /** Hands in a draft. */
    CaseView submit(Caller applicant, String caseId);

    /** Takes the application back, before it is decided. */
    CaseView withdraw(Caller applicant, String caseId, String reason);

    /** Answers the office's request for information, optionally with a corrected form. */
    CaseView answer(Caller applicant, String caseId, String message, String formData);

    /** One case, if it is the caller's to see. */
    CaseView get(Caller caller, String caseId);

    /** The caller's own applications, newest first. */
    CasePage mine(Caller applicant, int page, int size);

    /** An office's cases, oldest first (the order in which they are due). */
    CasePage inbox(Caller staff, InboxQuery query);

    /** Assigns the case to a member of the office's staff ({@code null}: the caller). */
    CaseView assign(Caller staff, String caseId, String assignee);

    /** Asks the applicant for information; the case waits for the answer. */
    CaseView requestInformation(Caller staff, String caseId, String message);

    /**
     * Decides the case, with a written reason. Under the four-eyes rule of its service the decision
     * waits for a second member of staff ({@link #confirm}).
     */
    CaseView decide(Caller staff, String caseId, DecisionKind decision, String reason);

    /** A second member of staff confirms a decision under the four-eyes rule. */
    CaseView confirm(Caller staff, String caseId);

    /** Closes a decided or withdrawn case. */
    CaseView close(Caller staff, String caseId);

    /** The case's steps, oldest first. */
    List<HistoryEntry> history(Caller caller, String caseId);

    /** What the office's rules suggest, for staff deciding the case. */
    List<Recommendation> recommendations(Caller staff, String caseId);

    /** Attaches a file to a draft, or to a case waiting for the applicant's information. */
    AttachmentInfo attach(Caller applicant, String caseId, NewAttachment attachment);

    /** The files of a case: the applicant's attachments and the notices issued. */
    List<AttachmentInfo> files(Caller caller, String caseId);

    /** One file of a case, with its content. */
    CaseDocument file(Caller caller, String caseId, String fileId);

    /** Removes one of the applicant's attachments from a draft. */
    void removeAttachment(Caller applicant, String caseId, String fileId);

    /** The notice (Bescheid) of a decided case, once issued. */
    Optional<CaseDocument> notice(Caller caller, String caseId);

    /**
     * Operators: moves files of handed-in cases that the case area still keeps itself (stored before
     * the document service ran, or while it was away) into the document service, each in the name
     * of the person who added it; up to {@code limit} files, by id. Drafts' files stay (a draft is
     * the applicant's alone) and move when it is handed in. A file that cannot move stays readable
     * where it is and is counted as left.
     */
    FilesMoved moveFilesToDocuments(Caller operator, int limit);

    /**
     * The payment area reports the case's fee paid. A case waiting for its fee then goes to review;
     * in any other status nothing changes (a repeated report, or a case withdrawn meanwhile, whose
     * payment staff refund). This is the one change a system actor makes, and it decides nothing.
     *
     * @param caseId the case
     * @param paymentId the payment, recorded in the case's history
     * @return the case as it is now
     */
    CaseView feePaid(String caseId, String paymentId);
}
