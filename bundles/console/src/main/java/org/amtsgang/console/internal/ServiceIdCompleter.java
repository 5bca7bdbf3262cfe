package org.amtsgang.console.internal;

import java.util.List;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes service ids from the catalogue, refused ones included. */
@Service
public class ServiceIdCompleter implements Completer {

    @Reference
    private ServiceCatalog catalog;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        catalog.entries().stream().map(CatalogEntry::serviceId).forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
