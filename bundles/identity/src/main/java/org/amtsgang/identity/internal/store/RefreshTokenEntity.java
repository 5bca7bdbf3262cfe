package org.amtsgang.identity.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * A refresh token, stored as its SHA-256 hash. Tokens descending from one login form a family;
 * using a token twice (a stolen copy) revokes the whole family.
 */
@Entity
@Table(name = "IDENTITY_REFRESH_TOKEN")
public class RefreshTokenEntity {

    @Id
    @Column(name = "ID")
    String id;

    @Column(name = "ACCOUNT_ID")
    String accountId;

    @Column(name = "TOKEN_HASH")
    String tokenHash;

    @Column(name = "FAMILY_ID")
    String familyId;

    /** The trust level of the login the family descends from. */
    @Column(name = "TRUST_LEVEL")
    String trustLevel;

    @Column(name = "CREATED_AT")
    long createdAt;

    @Column(name = "EXPIRES_AT")
    long expiresAt;

    @Column(name = "REVOKED_AT")
    Long revokedAt;
}
