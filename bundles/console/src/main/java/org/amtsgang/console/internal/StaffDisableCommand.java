package org.amtsgang.console.internal;

import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Accounts;
import org.amtsgang.identity.api.StaffAdministration;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code amtsgang:staff-disable}: ends an account's access at once (or, with --enable, restores it). */
@Service
@Command(scope = "amtsgang", name = "staff-disable", description = "Disables (or re-enables) an account.")
public class StaffDisableCommand implements Action {

    @Reference
    private Accounts accounts;

    @Reference
    private StaffAdministration staff;

    @Argument(index = 0, name = "email", required = true, description = "The account's e-mail address")
    private String email;

    @Option(name = "--enable", description = "Enable the account again")
    private boolean enable;

    @Override
    public Object execute() {
        AccountInfo account =
                accounts.byEmail(email).orElseThrow(() -> new IllegalArgumentException("No account " + email));
        AccountInfo after =
                enable ? staff.enable(account.id(), Actors.console()) : staff.disable(account.id(), Actors.console());
        System.out.println(after.email() + " is now " + after.status());
        return null;
    }
}
