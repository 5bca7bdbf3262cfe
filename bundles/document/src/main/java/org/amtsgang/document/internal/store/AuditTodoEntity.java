package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** What happened to a document (a read, a grant, a deletion) that the audit trail has not been given yet. */
@Entity
@Table(name = "DOCUMENT_AUDIT_TODO")
public class AuditTodoEntity {

    /** The audit record's id as well: the trail appends an id once. */
    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "AT_MILLIS")
    public long atMillis;

    @Column(name = "DOCUMENT_ID")
    public String documentId;

    @Column(name = "ACTOR")
    public String actor;

    @Column(name = "ACTION")
    public String action;

    @Column(name = "DETAIL")
    public String detail;
}
