package org.amtsgang.document.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A person's right to read one document until a time. */
@Entity
@Table(name = "DOCUMENT_GRANT")
public class GrantEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "DOCUMENT_ID")
    public String documentId;

    @Column(name = "SUBJECT")
    public String subject;

    @Column(name = "UNTIL_AT")
    public long untilAt;

    @Column(name = "GRANTED_BY")
    public String grantedBy;

    @Column(name = "REASON")
    public String reason;

    @Column(name = "CREATED_AT")
    public long createdAt;

    /** Who ended it before its time, or null. */
    @Column(name = "REVOKED_BY")
    public String revokedBy;

    @Column(name = "REVOKED_AT")
    public Long revokedAt;

    @Column(name = "REVOKE_REASON")
    public String revokeReason;
}
