package org.amtsgang.console.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.Documents;
import org.amtsgang.document.api.dto.RetentionDue;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * {@code amtsgang:documents-retention}: the documents whose retention has ended, to delete (with a
 * recorded decision, {@code --delete <id> --decision "…"}) or to hand to the city archive.
 */
@Service
@Command(
        scope = "amtsgang",
        name = "documents-retention",
        description = "Lists documents whose retention has ended; deletes one with a recorded decision.")
public class DocumentsRetentionCommand implements Action {

    @Reference
    private Documents documents;

    @Option(name = "--as-of", description = "The day to look at (default today), e.g. 2030-01-01")
    private String asOf;

    @Option(name = "--delete", description = "Delete this document (its retention must have ended)")
    private String delete;

    @Option(name = "--decision", description = "The grounds of the deletion, recorded with it")
    private String decision;

    @Override
    public Object execute() {
        try {
            if (delete != null) {
                documents.delete(Actors.operator(), delete, decision);
                System.out.println("Document " + delete + " deleted; the decision is recorded.");
                return null;
            }
            LocalDate day = asOf == null ? LocalDate.now(ZoneId.of("Europe/Berlin")) : LocalDate.parse(asOf);
            List<RetentionDue> due = documents.retentionDue(Actors.operator(), day, 1000);
            ShellTable table = new ShellTable();
            table.column("Document");
            table.column("Office");
            table.column("Type");
            table.column("Rule");
            table.column("Kept until");
            table.column("Title");
            for (RetentionDue d : due) {
                table.addRow()
                        .addContent(d.documentId(), d.officeId(), d.type(), d.retention(), d.retainUntil(), d.title());
            }
            table.print(System.out);
            System.out.println(due.size() + " documents due on " + day + " (ARCHIVE: hand to the city archive first).");
            return null;
        } catch (DocumentException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
