package org.amtsgang.cases.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** An application as stored. Private to the case area; the outside sees {@code CaseView}. */
@Entity
@Table(name = "CASES_CASE")
public class CaseEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "SERVICE_ID")
    public String serviceId;

    @Column(name = "SERVICE_VERSION")
    public String serviceVersion;

    @Column(name = "OFFICE_ID")
    public String officeId;

    @Column(name = "APPLICANT")
    public String applicant;

    @Column(name = "APPLICANT_NAME")
    public String applicantName;

    @Column(name = "APPLICANT_EMAIL")
    public String applicantEmail;

    @Column(name = "STATUS")
    public String status;

    @Column(name = "FORM_DATA")
    public String formData;

    @Column(name = "CREATED_AT")
    public long createdAt;

    @Column(name = "SUBMITTED_AT")
    public Long submittedAt;

    @Column(name = "DUE_AT")
    public Long dueAt;

    @Column(name = "ASSIGNEE")
    public String assignee = "";

    @Column(name = "DECISION_KIND")
    public String decisionKind;

    @Column(name = "DECISION_REASON")
    public String decisionReason;

    @Column(name = "DECIDED_BY")
    public String decidedBy;

    @Column(name = "DECIDED_AT")
    public Long decidedAt;

    @Column(name = "CONFIRMED_BY")
    public String confirmedBy;

    @Column(name = "CONFIRMED_AT")
    public Long confirmedAt;

    @Column(name = "FEE_CENTS")
    public long feeCents;

    @Column(name = "IDEMPOTENCY_KEY")
    public String idempotencyKey;

    @Column(name = "REQUEST_HASH")
    public String requestHash;

    @Column(name = "UPDATED_AT")
    public long updatedAt;

    // optimistic locking: two members of staff acting on one case at once cannot both win
    @Version
    @Column(name = "VERSION")
    public long version;

    /** A query of the columns lists show (the constructor below), without the form. */
    static final String LIST_COLUMNS = "SELECT NEW org.amtsgang.cases.internal.store.CaseEntity(c.id, c.serviceId,"
            + " c.serviceVersion, c.officeId, c.applicant, c.applicantName, c.status, c.createdAt, c.submittedAt,"
            + " c.dueAt, c.assignee, c.decisionKind, c.decisionReason, c.decidedBy, c.decidedAt, c.confirmedBy,"
            + " c.confirmedAt, c.feeCents, c.version) FROM CaseEntity c";

    public CaseEntity() {}

    /**
     * A case as lists show it: everything but the form (up to 32,000 characters, which an inbox of
     * fifty cases would otherwise read for nothing), the e-mail address and the idempotency data.
     */
    public CaseEntity(
            String id,
            String serviceId,
            String serviceVersion,
            String officeId,
            String applicant,
            String applicantName,
            String status,
            long createdAt,
            Long submittedAt,
            Long dueAt,
            String assignee,
            String decisionKind,
            String decisionReason,
            String decidedBy,
            Long decidedAt,
            String confirmedBy,
            Long confirmedAt,
            long feeCents,
            long version) {
        this.id = id;
        this.serviceId = serviceId;
        this.serviceVersion = serviceVersion;
        this.officeId = officeId;
        this.applicant = applicant;
        this.applicantName = applicantName;
        this.status = status;
        this.createdAt = createdAt;
        this.submittedAt = submittedAt;
        this.dueAt = dueAt;
        this.assignee = assignee;
        this.decisionKind = decisionKind;
        this.decisionReason = decisionReason;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
        this.confirmedBy = confirmedBy;
        this.confirmedAt = confirmedAt;
        this.feeCents = feeCents;
        this.version = version;
    }
}
