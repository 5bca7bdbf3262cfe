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
}
