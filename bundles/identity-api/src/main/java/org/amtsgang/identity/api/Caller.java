package org.amtsgang.identity.api;

import java.security.Principal;
import java.util.Set;

/**
 * Who is asking, as the platform knows it for one request.
 *
 * @param subject the account's stable id
 * @param kind citizen, staff or operator
 * @param displayName the name to show
 * @param email the account's e-mail address
 * @param trustLevel how sure the city is of this identity for this login
 * @param officeRoles the roles a member of staff holds; empty for others
 */
public record Caller(
        String subject,
        PrincipalKind kind,
        String displayName,
        String email,
        TrustLevel trustLevel,
        Set<OfficeRole> officeRoles)
        implements Principal {

    public Caller {
        officeRoles = Set.copyOf(officeRoles);
    }

    /**
     * The account acting on its own, outside a request (e.g. work it committed that is finished
     * later): with its roles as they are now and the trust level it has on record.
     */
    public static Caller of(AccountInfo account) {
        return new Caller(
                account.id(),
                account.kind(),
                account.displayName(),
                account.email(),
                account.trustLevel(),
                account.officeRoles());
    }

    @Override
    public String getName() {
        return subject;
    }

    /** Whether this caller holds one of the roles in the office. */
    public boolean hasRole(String officeId, Role... roles) {
        for (Role role : roles) {
            if (officeRoles.contains(new OfficeRole(officeId, role))) {
                return true;
            }
        }
        return false;
    }

    /** Whether this caller works in the office, in any role. */
    public boolean worksIn(String officeId) {
        return hasRole(officeId, Role.values());
    }
}
