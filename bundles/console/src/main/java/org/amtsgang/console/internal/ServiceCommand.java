package org.amtsgang.console.internal;

import java.io.PrintStream;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code amtsgang:service <id>}: everything the catalogue knows of one service id. */
@Service
@Command(scope = "amtsgang", name = "service", description = "Shows one service of the catalogue in detail.")
public class ServiceCommand implements Action {

    @Reference
    private ServiceCatalog catalog;

    @Argument(index = 0, name = "id", description = "The service id", required = true)
    @Completion(ServiceIdCompleter.class)
    private String id;

    @Override
    public Object execute() {
        PrintStream out = System.out;
        boolean found = false;
        for (CatalogEntry entry : catalog.entries()) {
            if (!id.equals(entry.serviceId())) {
                continue;
            }
            found = true;
            out.println(entry.serviceId() + "  [" + entry.status() + "]");
            out.println("  from      " + entry.origin().kind() + " "
                    + entry.origin().bundle() + " [" + entry.origin().bundleId() + "] "
                    + entry.origin().resource());
            ServiceDescriptor d = entry.descriptor();
            if (d != null) {
                out.println("  title     " + d.title().de() + " / " + d.title().en());
                out.println("  office    " + d.officeId());
                out.println("  version   " + d.version());
                out.println("  LeiKa     " + Text.orDash(d.leikaKey()));
                out.println("  trust     " + d.trustLevel() + " (eIDAS "
                        + d.trustLevel().eidasLevel() + ")");
                out.println("  payment   " + d.paymentPolicy() + ", " + Text.euro(d.feeCents()));
                out.println("  deadline  " + d.processingDeadlineDays() + " days");
                out.println("  OZG level " + d.ozgMaturityLevel());
            }
            for (String problem : entry.problems()) {
                out.println("  problem   " + problem);
            }
        }
        if (!found) {
            System.err.println("No service '" + id + "' in the catalogue.");
        }
        return null;
    }
}
