package org.amtsgang.identity.api;

import java.time.Instant;
import java.util.Set;

/**
 * An account as other areas and operators see it: never a password, never a secret.
 *
 * @param id the account's stable id, the subject of its tokens
 * @param kind citizen, staff or operator
 * @param email the e-mail address (lower case)
 * @param displayName the name to show
 * @param status whether it may log in
 * @param trustLevel the level its local login reaches (federated logins bring their own)
 * @param officeRoles roles held by staff
 * @param twoFactor whether a second factor (TOTP) is enrolled
 * @param createdAt when the account was created
 */
public record AccountInfo(
        String id,
        PrincipalKind kind,
        String email,
        String displayName,
        Status status,
        TrustLevel trustLevel,
        Set<OfficeRole> officeRoles,
        boolean twoFactor,
        Instant createdAt) {

    public AccountInfo {
        officeRoles = Set.copyOf(officeRoles);
    }

    /** Whether an account may log in. */
    public enum Status {
        /** Registered, e-mail address not yet confirmed. */
        PENDING,
        ACTIVE,
        DISABLED
    }
}
