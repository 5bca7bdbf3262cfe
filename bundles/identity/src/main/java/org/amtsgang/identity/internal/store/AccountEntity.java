package org.amtsgang.identity.internal.store;

import java.util.HashSet;
import java.util.Set;
import javax.persistence.CollectionTable;
import javax.persistence.Column;
import javax.persistence.ElementCollection;
import javax.persistence.Entity;
import javax.persistence.FetchType;
import javax.persistence.Id;
import javax.persistence.JoinColumn;
import javax.persistence.Table;
import javax.persistence.Version;

/** An account row. Private to the identity area; others see {@code AccountInfo}. */
@Entity
@Table(name = "IDENTITY_ACCOUNT")
public class AccountEntity {

    @Id
    @Column(name = "ID")
    String id;

    @Column(name = "EMAIL")
    String email;

    @Column(name = "KIND")
    String kind;

    @Column(name = "DISPLAY_NAME")
    String displayName;

    @Column(name = "PASSWORD_HASH")
    String passwordHash;

    @Column(name = "STATUS")
    String status;

    @Column(name = "TRUST_LEVEL")
    String trustLevel;

    @Column(name = "TOTP_SECRET")
    String totpSecret;

    @Column(name = "TOTP_LAST_STEP")
    long totpLastStep;

    @Column(name = "MUST_CHANGE_PASSWORD")
    boolean mustChangePassword;

    /** Tokens issued before this instant (epoch ms) are void: set when access must end at once. */
    @Column(name = "TOKENS_VALID_FROM")
    long tokensValidFrom;

    @Column(name = "CREATED_AT")
    long createdAt;

    @Column(name = "UPDATED_AT")
    long updatedAt;

    @Version
    @Column(name = "VERSION")
    long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "IDENTITY_OFFICE_ROLE", joinColumns = @JoinColumn(name = "ACCOUNT_ID"))
    @Column(name = "OFFICE_ROLE")
    Set<String> officeRoles = new HashSet<>();
}
