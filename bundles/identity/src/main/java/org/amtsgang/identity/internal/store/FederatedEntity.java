package org.amtsgang.identity.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** Links an account to an identity at an external OpenID provider (issuer and subject). */
@Entity
@Table(name = "IDENTITY_FEDERATED")
public class FederatedEntity {

    /** SHA-256 of issuer and subject: a fixed-length key for arbitrarily long identifiers. */
    @Id
    @Column(name = "ID")
    String id;

    @Column(name = "ISSUER")
    String issuer;

    @Column(name = "SUBJECT")
    String subject;

    @Column(name = "ACCOUNT_ID")
    String accountId;

    @Column(name = "CREATED_AT")
    long createdAt;
}
