package org.amtsgang.console.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.amtsgang.audit.api.AuditEntry;
import org.amtsgang.audit.api.AuditRecord;
import org.amtsgang.audit.api.AuditTrail;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code amtsgang:audit <subject>}: what the audit trail holds about a case, an account or a
 * document, oldest first: the question a data protection officer asks ("who read this Bauakte?").
 */
@Service
@Command(
        scope = "amtsgang",
        name = "audit",
        description = "Lists the audit trail's entries about a case, an account or a document, oldest first.")
public class AuditCommand implements Action {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Europe/Berlin"));

    @Reference
    private AuditTrail audit;

    @Argument(index = 0, name = "subject", description = "A case, account or document id", required = true)
    private String subject;

    @Override
    public Object execute() {
        List<AuditEntry> entries = audit.of(subject.trim());
        if (entries.isEmpty()) {
            System.out.println("The audit trail holds nothing about " + subject.trim() + ".");
            return null;
        }
        System.out.printf("%-8s %-19s %-9s %-24s %-16s %s%n", "ENTRY", "TIME", "AREA", "ACTOR", "ACTION", "DETAIL");
        for (AuditEntry entry : entries) {
            AuditRecord r = entry.record();
            String change =
                    r.from() == null && r.to() == null ? "" : Text.orDash(r.from()) + " -> " + Text.orDash(r.to());
            String detail = String.join(
                    "; ",
                    java.util.stream.Stream.of(change, Text.orDash(r.reason()))
                            .filter(s -> !s.isEmpty() && !s.equals("-"))
                            .toList());
            System.out.printf(
                    "%-8d %-19s %-9s %-24s %-16s %s%n",
                    entry.sequence(), TIME.format(r.at()), r.area(), r.actor(), r.action(), detail);
        }
        System.out.println(entries.size() + " entries.");
        return null;
    }
}
