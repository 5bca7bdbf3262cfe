package org.amtsgang.console.internal;

import java.util.List;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Accounts;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code amtsgang:staff-list}: staff and operator accounts with their roles. */
@Service
@Command(scope = "amtsgang", name = "staff-list", description = "Lists staff and operator accounts.")
public class StaffListCommand implements Action {

    @Reference
    private Accounts accounts;

    @Option(name = "--office", aliases = "-o", description = "Only staff of this office")
    private String office;

    @Override
    public Object execute() {
        List<AccountInfo> staff = office == null ? accounts.allStaff() : accounts.staffOf(office);
        ShellTable table = new ShellTable();
        table.column("E-mail");
        table.column("Name");
        table.column("Kind");
        table.column("Status");
        table.column("Roles");
        table.column("2FA");
        table.column("Id");
        for (AccountInfo a : staff) {
            table.addRow()
                    .addContent(
                            a.email(),
                            a.displayName(),
                            a.kind(),
                            a.status(),
                            a.officeRoles(),
                            a.twoFactor() ? "TOTP" : "-",
                            a.id());
        }
        table.print(System.out);
        return null;
    }
}
