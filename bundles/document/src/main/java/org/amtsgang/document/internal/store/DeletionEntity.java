package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The recorded decision to delete a document, kept after it is gone. */
@Entity
@Table(name = "DOCUMENT_DELETION")
public class DeletionEntity {

    @Id
    @Column(name = "DOCUMENT_ID")
    public String documentId;

    @Column(name = "TITLE")
    public String title;

    @Column(name = "OFFICE_ID")
    public String officeId;

    @Column(name = "RETENTION")
    public String retention;

    @Column(name = "DECIDED_BY")
    public String decidedBy;

    @Column(name = "DECIDED_AT")
    public long decidedAt;

    @Column(name = "DECISION")
    public String decision;
}
