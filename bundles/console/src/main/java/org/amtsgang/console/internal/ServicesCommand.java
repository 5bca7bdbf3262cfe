package org.amtsgang.console.internal;

import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code amtsgang:services}: the catalogue's operator view: every contribution, served or refused,
 * with the bundle it came from and what is wrong with it.
 */
@Service
@Command(
        scope = "amtsgang",
        name = "services",
        description = "Lists the service catalogue, including refused descriptors and why they were refused.")
public class ServicesCommand implements Action {

    @Reference
    private ServiceCatalog catalog;

    @Option(name = "--problems", aliases = "-p", description = "Only entries that are not served")
    private boolean problemsOnly;

    @Option(name = "--office", aliases = "-o", description = "Only services of this office")
    private String office;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Service");
        table.column("Office");
        table.column("Version");
        table.column("Status");
        table.column("Kind");
        table.column("Bundle");
        table.column("Problems").maxSize(100).wrap();
        for (CatalogEntry entry : catalog.entries()) {
            if (problemsOnly && entry.available()) {
                continue;
            }
            String entryOffice =
                    entry.descriptor() == null ? null : entry.descriptor().officeId();
            if (office != null && !office.equals(entryOffice)) {
                continue;
            }
            table.addRow()
                    .addContent(
                            entry.serviceId(),
                            Text.orDash(entryOffice),
                            entry.descriptor() == null
                                    ? "-"
                                    : entry.descriptor().version(),
                            entry.status(),
                            entry.origin().kind(),
                            entry.origin().bundle() + " [" + entry.origin().bundleId() + "]",
                            entry.problems().isEmpty() ? "" : String.join("; ", entry.problems()));
        }
        table.print(System.out);
        return null;
    }
}
