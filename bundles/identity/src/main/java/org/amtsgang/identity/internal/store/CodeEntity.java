package org.amtsgang.identity.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A one-time code sent by e-mail, stored as a hash. */
@Entity
@Table(name = "IDENTITY_CODE")
public class CodeEntity {

    @Id
    @Column(name = "ID")
    String id;

    @Column(name = "ACCOUNT_ID")
    String accountId;

    @Column(name = "PURPOSE")
    String purpose;

    @Column(name = "CODE_HASH")
    String codeHash;

    @Column(name = "EXPIRES_AT")
    long expiresAt;

    @Column(name = "ATTEMPTS")
    int attempts;

    @Column(name = "USED_AT")
    Long usedAt;
}
