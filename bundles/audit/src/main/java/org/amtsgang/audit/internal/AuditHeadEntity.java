package org.amtsgang.audit.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** The last entry of the trail: the one row every append updates, so that appends serialise. */
@Entity
@Table(name = "AUDIT_HEAD")
public class AuditHeadEntity {

    @Id
    @Column(name = "ID")
    int id;

    @Column(name = "SEQ")
    long seq;

    @Column(name = "HASH")
    String hash;
}
