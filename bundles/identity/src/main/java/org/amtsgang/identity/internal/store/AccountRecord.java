package org.amtsgang.identity.internal.store;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.TrustLevel;

/** An account as read in one transaction: the identity area's working copy, secrets included. */
public record AccountRecord(
        String id,
        String email,
        PrincipalKind kind,
        String displayName,
        String passwordHash,
        AccountInfo.Status status,
        TrustLevel trustLevel,
        String totpSecret,
        long totpLastStep,
        boolean mustChangePassword,
        long tokensValidFrom,
        Set<OfficeRole> officeRoles,
        long createdAt) {

    static AccountRecord of(AccountEntity e) {
        return new AccountRecord(
                e.id,
                e.email,
                PrincipalKind.valueOf(e.kind),
                e.displayName,
                e.passwordHash,
                AccountInfo.Status.valueOf(e.status),
                TrustLevel.valueOf(e.trustLevel),
                e.totpSecret,
                e.totpLastStep,
                e.mustChangePassword,
                e.tokensValidFrom,
                e.officeRoles.stream().map(OfficeRole::parse).collect(Collectors.toUnmodifiableSet()),
                e.createdAt);
    }

    /** What others may see of it: no hash, no secret. */
    public AccountInfo info() {
        return new AccountInfo(
                id,
                kind,
                email,
                displayName,
                status,
                trustLevel,
                officeRoles,
                totpSecret != null,
                Instant.ofEpochMilli(createdAt));
    }

    public boolean active() {
        return status == AccountInfo.Status.ACTIVE;
    }
}
