package org.amtsgang.cases.internal;

import static org.amtsgang.cases.api.CaseException.Reason.BAD_REQUEST;
import static org.amtsgang.cases.api.CaseException.Reason.CONFLICT;
import static org.amtsgang.cases.api.CaseException.Reason.NOT_FOUND;
import static org.amtsgang.cases.api.CaseException.Reason.TOO_LARGE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.NewAttachment;
import org.amtsgang.cases.internal.store.CaseEntity;
import org.amtsgang.cases.internal.store.CaseStore;
import org.amtsgang.cases.internal.store.FileEntity;
import org.amtsgang.cases.internal.store.Step;
import org.amtsgang.document.api.Documents;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.persistence.api.RandomBits;

/**
 * The applicant's files. Only documents and pictures an office can open are accepted (PDF, JPEG,
 * PNG), and the content must be what its type says: a renamed executable is refused.
 */
final class Attachments {

    /** The accepted types and how their content starts. */
    private static final Map<String, byte[]> SIGNATURES = Map.of(
            "application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'},
            "image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});

    private final CaseStore store;
    private final CaseFiles files;
    private final Supplier<CasesConfig> config;

    Attachments(CaseStore store, CaseFiles files, Supplier<CasesConfig> config) {
        this.store = store;
        this.files = files;
        this.config = config;
    }

    AttachmentInfo add(Caller applicant, CaseEntity c, NewAttachment attachment) {
        if (attachment == null || attachment.content() == null || attachment.content().length == 0) {
            throw new CaseException(BAD_REQUEST, "The file is empty.");
        }
        byte[] content = attachment.content();
        if (content.length > config.get().maxAttachmentBytes()) {
            throw new CaseException(
                    TOO_LARGE, "Files of up to " + config.get().maxAttachmentBytes() + " bytes are accepted.");
        }
        String type = attachment.contentType() == null
                ? ""
                : attachment.contentType().split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        byte[] signature = SIGNATURES.get(type);
        if (signature == null) {
            throw new CaseException(
                    BAD_REQUEST, "Attach PDF, JPEG or PNG files (Content-Type " + SIGNATURES.keySet() + ").");
        }
        if (!startsWith(content, signature)) {
            throw new CaseException(BAD_REQUEST, "The file's content is not " + type + ", as its type says.");
        }
        if (store.countFiles(c.id, AttachmentInfo.Kind.ATTACHMENT.name())
                >= config.get().maxAttachments()) {
            throw new CaseException(
                    CONFLICT, "An application takes at most " + config.get().maxAttachments() + " files.");
        }
        FileEntity f = new FileEntity();
        f.id = RandomBits.uuid();
        f.caseId = c.id;
        f.kind = AttachmentInfo.Kind.ATTACHMENT.name();
        f.fileName = fileName(attachment.fileName(), type);
        f.contentType = type;
        f.size = content.length;
        f.sha256 = Decisions.sha256(content);
        f.addedAt = System.currentTimeMillis();
        f.addedBy = applicant.subject();
        // into the document service first, so that its checks apply before the case takes the file;
        // not a draft's: a draft is the applicant's alone, and the office's staff read the office's
        // documents, so its files move when it is handed in
        Optional<Documents> documents = CaseStatus.DRAFT.name().equals(c.status) ? Optional.empty() : files.service();
        if (documents.isPresent()) {
            f.documentId = files.store(documents.get(), applicant, c, f, content);
        } else {
            f.content = content;
        }
        CaseStatus status = CaseStatus.valueOf(c.status);
        try {
            store.update(
                    c.id,
                    c.version,
                    e -> {},
                    new Step(applicant.subject(), "FILE_ATTACHED", status, status, f.fileName, false),
                    List.of(f));
        } catch (RuntimeException notTaken) {
            if (f.documentId != null) {
                files.discard(applicant, f.documentId, "the application did not take the file");
            }
            throw notTaken;
        }
        return Views.of(f);
    }

    /** Only drafts' files are removed, and those the case keeps itself (they move on submit). */
    void remove(Caller applicant, CaseEntity c, String fileId) {
        boolean attachment = store.files(c.id).stream()
                .anyMatch(f -> f.id.equals(fileId)
                        && AttachmentInfo.Kind.ATTACHMENT.name().equals(f.kind));
        if (!attachment) {
            throw new CaseException(NOT_FOUND, "The case has no attachment '" + fileId + "'.");
        }
        CaseStatus status = CaseStatus.valueOf(c.status);
        store.removeFile(
                c.id, c.version, fileId, new Step(applicant.subject(), "FILE_REMOVED", status, status, fileId, false));
    }

    /** A name safe to offer for download: no folders, no control characters, a fitting ending. */
    static String fileName(String given, String type) {
        String name = given == null ? "" : given;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "Anlage";
        }
        String ending =
                switch (type) {
                    case "application/pdf" -> ".pdf";
                    case "image/jpeg" -> ".jpg";
                    default -> ".png";
                };
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(ending) && !(ending.equals(".jpg") && lower.endsWith(".jpeg"))) {
            name = name + ending;
        }
        return name.length() > 200 ? name.substring(0, 200 - ending.length()) + ending : name;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
