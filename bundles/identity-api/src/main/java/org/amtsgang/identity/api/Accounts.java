package org.amtsgang.identity.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Looks accounts up, for areas that need to reach or name a person. */
@ProviderType
public interface Accounts {

    Optional<AccountInfo> byId(String accountId);

    Optional<AccountInfo> byEmail(String email);

    /** The staff of an office (holding any role there), sorted by e-mail address. */
    List<AccountInfo> staffOf(String officeId);

    /** All staff and operator accounts, sorted by e-mail address. */
    List<AccountInfo> allStaff();
}
