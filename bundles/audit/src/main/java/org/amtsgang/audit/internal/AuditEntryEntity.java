package org.amtsgang.audit.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** An entry of the audit trail. Private to the audit area. */
@Entity
@Table(name = "AUDIT_ENTRY")
public class AuditEntryEntity {

    @Id
    @Column(name = "SEQ")
    long seq;

    @Column(name = "RECORD_ID")
    String recordId;

    @Column(name = "AT_MILLIS")
    long atMillis;

    @Column(name = "AREA")
    String area;

    @Column(name = "SUBJECT")
    String subject;

    @Column(name = "ACTOR")
    String actor;

    @Column(name = "ACTION")
    String action;

    @Column(name = "FROM_STATE")
    String fromState;

    @Column(name = "TO_STATE")
    String toState;

    @Column(name = "REASON")
    String reason;

    @Column(name = "PREV_HASH")
    String prevHash;

    @Column(name = "HASH")
    String hash;
}
