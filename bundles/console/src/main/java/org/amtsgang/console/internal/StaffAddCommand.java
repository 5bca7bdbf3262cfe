package org.amtsgang.console.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.StaffAdministration;
import org.amtsgang.identity.api.StaffEnrolment;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code amtsgang:staff-add}: creates a member of staff (or an operator) and shows, once, the
 * initial password and the TOTP key to hand over in person.
 */
@Service
@Command(scope = "amtsgang", name = "staff-add", description = "Creates a staff or operator account.")
public class StaffAddCommand implements Action {

    @Reference
    private StaffAdministration staff;

    @Argument(index = 0, name = "email", required = true, description = "E-mail address, the login name")
    private String email;

    @Argument(index = 1, name = "name", required = true, description = "Full name (quote it)")
    private String name;

    @Option(
            name = "--role",
            aliases = "-r",
            multiValued = true,
            description = "office:ROLE, e.g. buergeramt:CASEWORKER or buergeramt:OFFICE_LEAD; repeatable")
    private List<String> roles;

    @Option(name = "--operator", description = "Create an operator (no office roles)")
    private boolean operator;

    @Override
    public Object execute() {
        Set<OfficeRole> parsed = new LinkedHashSet<>();
        if (roles != null) {
            roles.forEach(r -> parsed.add(OfficeRole.parse(r)));
        }
        StaffEnrolment enrolment = staff.create(
                email, name, operator ? PrincipalKind.OPERATOR : PrincipalKind.STAFF, parsed, Actors.console());
        System.out.println("Created " + enrolment.account().kind() + " "
                + enrolment.account().email() + " (" + enrolment.account().id() + ") with roles "
                + enrolment.account().officeRoles());
        System.out.println("Hand over in person, shown only now:");
        System.out.println(
                "  initial password  " + enrolment.initialPassword() + "   (to be changed at the first login)");
        System.out.println("  authenticator     " + enrolment.totpUri());
        return null;
    }
}
