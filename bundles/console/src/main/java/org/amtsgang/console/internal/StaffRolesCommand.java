package org.amtsgang.console.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Accounts;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.StaffAdministration;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code amtsgang:staff-roles}: shows or replaces a member of staff's office roles. */
@Service
@Command(scope = "amtsgang", name = "staff-roles", description = "Shows or sets a member of staff's roles.")
public class StaffRolesCommand implements Action {

    @Reference
    private Accounts accounts;

    @Reference
    private StaffAdministration staff;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail address")
    private String email;

    @Argument(
            index = 1,
            name = "roles",
            multiValued = true,
            description = "The complete new set, office:ROLE each; none given: show the roles; 'none': remove all")
    private List<String> roles;

    @Override
    public Object execute() {
        AccountInfo account =
                accounts.byEmail(email).orElseThrow(() -> new IllegalArgumentException("No account " + email));
        if (roles == null || roles.isEmpty()) {
            System.out.println(account.email() + ": " + account.officeRoles());
            return null;
        }
        Set<OfficeRole> parsed = new LinkedHashSet<>();
        if (!(roles.size() == 1 && roles.get(0).equals("none"))) {
            roles.forEach(r -> parsed.add(OfficeRole.parse(r)));
        }
        AccountInfo after = staff.setRoles(account.id(), parsed, Actors.console());
        System.out.println(after.email() + ": " + account.officeRoles() + " -> " + after.officeRoles());
        return null;
    }
}
