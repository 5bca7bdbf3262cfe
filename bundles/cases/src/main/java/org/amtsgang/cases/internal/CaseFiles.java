package org.amtsgang.cases.internal;

import static org.amtsgang.cases.api.CaseException.Reason.BAD_REQUEST;
import static org.amtsgang.cases.api.CaseException.Reason.CONFLICT;
import static org.amtsgang.cases.api.CaseException.Reason.FORBIDDEN;
import static org.amtsgang.cases.api.CaseException.Reason.NOT_FOUND;
import static org.amtsgang.cases.api.CaseException.Reason.TEMPORARILY_UNAVAILABLE;
import static org.amtsgang.cases.api.CaseException.Reason.TOO_LARGE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseDocument;
import org.amtsgang.cases.internal.store.CaseEntity;
import org.amtsgang.cases.internal.store.CaseStore;
import org.amtsgang.cases.internal.store.FileEntity;
import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.Documents;
import org.amtsgang.document.api.dto.Confidentiality;
import org.amtsgang.document.api.dto.DocumentPage;
import org.amtsgang.document.api.dto.DocumentQuery;
import org.amtsgang.document.api.dto.DocumentView;
import org.amtsgang.document.api.dto.NewDocument;
import org.amtsgang.identity.api.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the bytes of a case's files live. While the document service runs, they are documents of
 * the case's office, owned by the applicant and linked to the case: one store, one set of checks
 * (type from the bytes, decompression bombs), one retention and one access rule for every file of
 * the city. The case keeps the file's description and the document's id; its first version is the
 * file, so a later version of the document never changes what the case shows.
 *
 * <p>Without the document service (a city running without it, or while it is updated) the bytes
 * stay in the case's own table, as before it existed, and are served from there. Every read acts
 * for the caller, so the document service checks access a second time.
 */
final class CaseFiles {

    static final String ATTACHMENT_TYPE = "ATTACHMENT";
    static final String NOTICE_TYPE = "BESCHEID";
    /** The case file a document holds, kept with the document so that it can be traced back. */
    static final String FILE_FIELD = "casefile";
    /** The name notices are issued under ({@code createdBy} {@code platform:cases}). */
    static final String ISSUER = "cases";

    private final Logger logger = LoggerFactory.getLogger(CaseFiles.class);
    private final CaseStore store;
    private final Supplier<Documents> documents;

    CaseFiles(CaseStore store, Supplier<Documents> documents) {
        this.store = store;
        this.documents = documents;
    }

    /** The document service, if it runs now. */
    Optional<Documents> service() {
        return Optional.ofNullable(documents.get());
    }

    /**
     * Stores a file's bytes as a new document of the case, acting for the caller; answers its id.
     * Its refusals (e.g. a decompression bomb) become the case area's.
     */
    String store(Documents docs, Caller caller, CaseEntity c, FileEntity f, byte[] content) {
        boolean notice = AttachmentInfo.Kind.NOTICE.name().equals(f.kind);
        NewDocument request = new NewDocument(
                f.fileName,
                notice ? NOTICE_TYPE : ATTACHMENT_TYPE,
                c.officeId,
                Confidentiality.INTERNAL,
                c.applicant,
                c.id,
                null,
                false,
                0,
                Map.of(FILE_FIELD, f.id));
        try {
            if (notice) {
                // the city issues the Bescheid: nobody changes it afterwards, not even the office, and
                // the applicant sees the office's case area as its author, not the official (as in
                // the history)
                return docs.issue(ISSUER, request, f.fileName, new ByteArrayInputStream(content))
                        .id();
            }
            DocumentView document = docs.create(caller, request);
            try {
                docs.addVersion(caller, document.id(), f.fileName, new ByteArrayInputStream(content), 0);
            } catch (RuntimeException refused) {
                discard(caller, document.id(), "its content was refused");
                throw refused;
            }
            return document.id();
        } catch (DocumentException e) {
            throw new CaseException(
                    switch (e.reason()) {
                        case TOO_LARGE -> TOO_LARGE;
                        case BAD_REQUEST, UNSUPPORTED_TYPE -> BAD_REQUEST;
                        case UNAVAILABLE -> TEMPORARILY_UNAVAILABLE;
                        case NOT_FOUND -> NOT_FOUND;
                        case FORBIDDEN -> FORBIDDEN;
                        case CONFLICT -> CONFLICT;
                        default -> throw new IllegalStateException(
                                "The document service refused to store a file of case " + c.id + ": " + e.getMessage(),
                                e);
                    },
                    e.getMessage());
        }
    }

    /**
     * Withdraws a document that a file of a case no longer needs: the case did not take the upload,
     * or the applicant removed it from a draft. A failure is logged: the document then stays, with
     * its case, until retention ends it; nothing the case shows depends on it any more.
     */
    void discard(Caller creator, String documentId, String why) {
        Documents docs = documents.get();
        if (docs == null) {
            logger.warn("Document {} stays although its case file is gone ({}): no document service", documentId, why);
            return;
        }
        try {
            docs.discard(creator, documentId, why);
        } catch (RuntimeException e) {
            logger.warn("Document {} stays although its case file is gone ({}): {}", documentId, why, e.toString());
        }
    }

    /** Moves every file the case keeps itself, e.g. a draft's once it is handed in. */
    void moveAll(Caller actor, CaseEntity c) {
        if (documents.get() == null) {
            return;
        }
        for (FileEntity listed : store.files(c.id)) {
            if (listed.documentId == null) {
                store.file(c.id, listed.id).ifPresent(f -> move(actor, c, f));
            }
        }
    }

    /**
     * Moves a file kept in the case's table into the document service, acting for the person who
     * just committed it (a notice is written with its decision, in one transaction, and moved
     * right after). Any failure leaves it where it is, served from there. A document that an
     * interrupted move of the same file left behind is used again, so moves never copy twice.
     */
    boolean move(Caller actor, CaseEntity c, FileEntity f) {
        Documents docs = documents.get();
        if (docs == null || f.content == null) {
            return false;
        }
        String documentId;
        try {
            Optional<DocumentView> earlier = earlierMove(docs, actor, c, f);
            if (earlier.isPresent() && earlier.get().latestVersion() > 0) {
                documentId = earlier.get().id();
            } else {
                earlier.ifPresent(empty -> discard(actor, empty.id(), "an interrupted move left it empty"));
                documentId = store(docs, actor, c, f, f.content);
            }
        } catch (RuntimeException e) {
            logger.warn("File {} of case {} stays with the case: {}", f.id, c.id, e.toString());
            return false;
        }
        try {
            if (store.linkDocument(f.id, documentId)) {
                return true;
            }
            discard(actor, documentId, "the file was moved already");
        } catch (RuntimeException e) {
            logger.warn("File {} of case {} stays with the case; document {} is a copy: {}", f.id, c.id, documentId, e);
        }
        return false;
    }

    private static Optional<DocumentView> earlierMove(Documents docs, Caller actor, CaseEntity c, FileEntity f) {
        String type = AttachmentInfo.Kind.NOTICE.name().equals(f.kind) ? NOTICE_TYPE : ATTACHMENT_TYPE;
        for (int page = 0; ; page++) {
            DocumentPage documents = docs.list(actor, new DocumentQuery(c.officeId, c.id, type, page, 100));
            Optional<DocumentView> found = documents.items().stream()
                    .filter(d -> f.id.equals(d.fields().get(FILE_FIELD)))
                    .findFirst();
            if (found.isPresent() || (long) (page + 1) * 100 >= documents.total()) {
                return found;
            }
        }
    }

    /** A file with its content, read for the caller from wherever it lives. */
    CaseDocument read(Caller caller, FileEntity f) {
        if (f.documentId == null) {
            return new CaseDocument(Views.of(f), f.content);
        }
        Documents docs = documents.get();
        if (docs == null) {
            throw new CaseException(
                    TEMPORARILY_UNAVAILABLE,
                    "The document service that keeps this file is not running just now; try again shortly.");
        }
        try (InputStream in = docs.open(caller, f.documentId, 1).stream()) {
            return new CaseDocument(Views.of(f), in.readAllBytes());
        } catch (DocumentException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> new CaseException(
                        NOT_FOUND, "File '" + f.id + "' is no longer kept by the document service.");
                case UNAVAILABLE -> new CaseException(TEMPORARILY_UNAVAILABLE, e.getMessage());
                default -> new IllegalStateException(
                        "File " + f.id + " (document " + f.documentId + ") cannot be read: " + e.getMessage(), e);
            };
        } catch (IOException e) {
            // the document service verifies the checksum as it reads: damaged storage, for operators
            throw new IllegalStateException(
                    "File " + f.id + " (document " + f.documentId + ") cannot be read: " + e, e);
        }
    }
}
