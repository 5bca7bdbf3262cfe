package org.amtsgang.console.internal;

import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.Documents;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code amtsgang:documents-reindex}: rebuilds the search index from the document store. */
@Service
@Command(
        scope = "amtsgang",
        name = "documents-reindex",
        description = "Rebuilds the document search index from the store.")
public class DocumentsReindexCommand implements Action {

    @Reference
    private Documents documents;

    @Override
    public Object execute() {
        long started = System.nanoTime();
        long entries;
        try {
            entries = documents.reindex(Actors.operator());
        } catch (DocumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        System.out.println("Search index rebuilt: " + entries + " pages in "
                + Text.duration(java.time.Duration.ofNanos(System.nanoTime() - started)) + ".");
        return null;
    }
}
