package org.amtsgang.identity.api;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Managing staff accounts. Every change is recorded as a {@link SecurityEvent} naming who made
 * it. Failures are {@link IllegalArgumentException} (bad input) or {@link IllegalStateException}
 * (conflicts, e.g. the address is taken), with a message fit for the person who asked.
 */
@ProviderType
public interface StaffAdministration {

    /** Creates a member of staff (or an operator, for {@link PrincipalKind#OPERATOR}) with these roles. */
    StaffEnrolment create(String email, String displayName, PrincipalKind kind, Set<OfficeRole> roles, String actor);

    /** Replaces the account's roles. */
    AccountInfo setRoles(String accountId, Set<OfficeRole> roles, String actor);

    /** Disables the account: its tokens stop working at once, its sessions end. */
    AccountInfo disable(String accountId, String actor);

    /** Enables a disabled account again. */
    AccountInfo enable(String accountId, String actor);
}
