package org.amtsgang.console.internal;

import org.amtsgang.catalog.api.OfficeRegistry;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.Office;
import org.amtsgang.catalog.api.dto.ServiceQuery;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code amtsgang:offices}: the configured offices and how many services each offers. */
@Service
@Command(scope = "amtsgang", name = "offices", description = "Lists the city's offices and their online services.")
public class OfficesCommand implements Action {

    @Reference
    private OfficeRegistry offices;

    @Reference
    private ServiceCatalog catalog;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Services").alignRight();
        table.column("Contact");
        table.column("Opening hours");
        for (Office office : offices.offices()) {
            long services =
                    catalog.search(new ServiceQuery(office.id(), null, 0, 1)).total();
            table.addRow()
                    .addContent(
                            office.id(),
                            office.name().de(),
                            services,
                            Text.orDash(office.contact().email()),
                            Text.orDash(office.openingHours()));
        }
        table.print(System.out);
        return null;
    }
}
