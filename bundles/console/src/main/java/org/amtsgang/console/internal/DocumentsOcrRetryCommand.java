package org.amtsgang.console.internal;

import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.Documents;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code amtsgang:documents-ocr-retry}: puts versions whose OCR failed back in the OCR queue. */
@Service
@Command(
        scope = "amtsgang",
        name = "documents-ocr-retry",
        description = "Puts versions whose OCR failed back in the OCR queue (once the cause is removed).")
public class DocumentsOcrRetryCommand implements Action {

    @Reference
    private Documents documents;

    @Argument(index = 0, name = "document", description = "Only this document's versions (its id); all without it")
    private String document;

    @Override
    public Object execute() {
        int queued;
        try {
            queued = documents.retryOcr(Actors.operator(), document);
        } catch (DocumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        System.out.println(
                queued == 0
                        ? "No version with failed OCR" + (document == null ? "." : " in document " + document + ".")
                        : queued + " version(s) wait for OCR again.");
        return null;
    }
}
