package org.amtsgang.console.internal;

import org.amtsgang.audit.api.AuditTrail;
import org.amtsgang.audit.api.Verification;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code amtsgang:audit-verify}: recomputes the audit trail's hash chain and names the first entry
 * that does not fit. A broken chain is an error of the command, so scripts and monitoring notice.
 */
@Service
@Command(
        scope = "amtsgang",
        name = "audit-verify",
        description = "Checks the audit trail's hash chain and names the first broken entry.")
public class AuditVerifyCommand implements Action {

    @Reference
    private AuditTrail audit;

    @Override
    public Object execute() {
        long started = System.nanoTime();
        Verification result = audit.verify();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result.intact()) {
            System.out.println("Audit trail intact: " + result.entries() + " entries checked in " + millis + " ms.");
            return null;
        }
        String message = "Audit trail BROKEN at entry " + result.firstBroken() + ": " + result.problem() + ". The "
                + result.entries() + " entries before it are intact.";
        System.out.println(message);
        throw new IllegalStateException(message);
    }
}
