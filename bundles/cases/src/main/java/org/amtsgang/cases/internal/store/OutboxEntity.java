package org.amtsgang.cases.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * What must still leave the case area for one change. Carries everything the dispatcher needs, so
 * that delivering never has to read the case again (which may have changed since).
 */
@Entity
@Table(name = "CASES_OUTBOX")
public class OutboxEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "CASE_ID")
    public String caseId;

    @Column(name = "SERVICE_ID")
    public String serviceId;

    @Column(name = "OFFICE_ID")
    public String officeId;

    @Column(name = "APPLICANT")
    public String applicant;

    @Column(name = "APPLICANT_NAME")
    public String applicantName;

    @Column(name = "APPLICANT_EMAIL")
    public String applicantEmail;

    @Column(name = "AT_MILLIS")
    public long atMillis;

    @Column(name = "ACTOR")
    public String actor;

    @Column(name = "ACTION")
    public String action;

    @Column(name = "FROM_STATUS")
    public String fromStatus;

    @Column(name = "TO_STATUS")
    public String toStatus;

    @Column(name = "MESSAGE")
    public String message;

    /** 1 if the applicant is told of this change (Postfach and e-mail). */
    @Column(name = "NOTIFY")
    public int notify;

    /** Which deliveries have succeeded: a bit per {@code Delivery}. */
    @Column(name = "DONE")
    public int done;

    @Column(name = "ATTEMPTS")
    public int attempts;

    @Column(name = "NEXT_AT")
    public long nextAt;
}
