package org.amtsgang.console.internal;

import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.FilesMoved;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code amtsgang:cases-files-move}: moves files the case area still keeps itself into the
 * document service, e.g. after the document feature was installed on a running city.
 */
@Service
@Command(
        scope = "amtsgang",
        name = "cases-files-move",
        description = "Moves case files (attachments, notices) still kept by the case area into the document service.")
public class CasesFilesMoveCommand implements Action {

    @Reference
    private Cases cases;

    @Option(name = "--limit", description = "At most this many files in this run (default 10000)")
    private int limit = 10_000;

    @Override
    public Object execute() {
        FilesMoved result;
        try {
            result = cases.moveFilesToDocuments(Actors.operator(), limit);
        } catch (CaseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        System.out.println(result.moved() + " file(s) moved into the document service, " + result.left()
                + " left with their case (karaf.log says why); " + result.remaining()
                + " kept by the case area now.");
        return null;
    }
}
