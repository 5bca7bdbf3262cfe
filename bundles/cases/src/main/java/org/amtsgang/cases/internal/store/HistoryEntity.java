package org.amtsgang.cases.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One step of a case, as stored. */
@Entity
@Table(name = "CASES_HISTORY")
public class HistoryEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "CASE_ID")
    public String caseId;

    @Column(name = "CASE_VERSION")
    public long caseVersion;

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
}
