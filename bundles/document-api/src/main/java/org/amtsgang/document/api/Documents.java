package org.amtsgang.document.api;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.amtsgang.document.api.dto.Content;
import org.amtsgang.document.api.dto.DocumentPage;
import org.amtsgang.document.api.dto.DocumentQuery;
import org.amtsgang.document.api.dto.DocumentView;
import org.amtsgang.document.api.dto.GrantView;
import org.amtsgang.document.api.dto.NewDocument;
import org.amtsgang.document.api.dto.RenditionKind;
import org.amtsgang.document.api.dto.RetentionDue;
import org.amtsgang.document.api.dto.SearchPage;
import org.amtsgang.document.api.dto.SearchQuery;
import org.amtsgang.document.api.dto.VersionView;
import org.amtsgang.identity.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The shared document store. Every method acts for a {@link Caller} and checks that the document is
 * theirs to see or change; failures are {@link DocumentException}s saying why.
 */
@ProviderType
public interface Documents {

    /** Creates a document (its metadata); its content comes as versions. */
    DocumentView create(Caller caller, NewDocument document);

    /**
     * Adds a version: the content is read from the stream, never held in memory as a whole, checked
     * (type from the bytes, size, decompression bombs) and stored once per SHA-256. Nothing is left
     * behind when it is refused.
     *
     * @param expectedLatest the latest version the caller saw (0: none), or {@code null} not to check
     */
    VersionView addVersion(
            Caller caller, String documentId, String fileName, InputStream content, Integer expectedLatest);

    /**
     * A platform area files what the city issues, e.g. the payment area a receipt (Quittung): the
     * document and its one version in one call, created in the name of the area ({@code createdBy}
     * is {@code platform:<issuer>}), never changed afterwards (no further versions, no withdrawal;
     * retention alone ends it). The owner and the office's staff read it as any other document.
     * There is no caller: only code inside the platform holds this service, and it vouches for the
     * owner and the case it names. The content is checked like an upload's.
     *
     * @param issuer the issuing area, lower-case letters, e.g. {@code payment}
     * @since 1.3
     */
    DocumentView issue(String issuer, NewDocument document, String fileName, InputStream content);

    /** One document's metadata. */
    DocumentView get(Caller caller, String documentId);

    /** The document's versions, oldest first. */
    List<VersionView> versions(Caller caller, String documentId);

    /** The documents the caller may read, filtered and paged, newest first. */
    DocumentPage list(Caller caller, DocumentQuery query);

    /**
     * One version's content (0: the latest), verified against its checksum as it is read: the stream
     * throws if the stored bytes were damaged.
     */
    Content open(Caller caller, String documentId, int version);

    /** A rendition derived from one version (0: the latest), e.g. its OCR text. */
    Content rendition(Caller caller, String documentId, int version, RenditionKind kind);

    /** Full-text and field search over what the caller may read. */
    SearchPage search(Caller caller, SearchQuery query);

    /** Staff of the document's office let a person read it until a time, e.g. after an inspection was approved. */
    GrantView grant(Caller staff, String documentId, String subject, Instant until, String reason);

    /** Staff of the document's office: the grants of the document that have not ended, soonest ending first. */
    List<GrantView> grants(Caller staff, String documentId);

    /**
     * Staff of the document's office end a person's access at once, e.g. a grant given by mistake;
     * who revoked it, when and why is kept with the grant. NOT_FOUND if the person holds no grant.
     */
    void revoke(Caller staff, String documentId, String subject, String reason);

    /** Operators: documents whose retention ends on or before the day. */
    List<RetentionDue> retentionDue(Caller operator, LocalDate asOf, int limit);

    /**
     * Operators: deletes a document whose retention has ended (its content goes once no other version
     * shares it), with the decision recorded: who, when, on what grounds.
     */
    void delete(Caller operator, String documentId, String decision);

    /**
     * The person who created a document of a case withdraws it while the case does not hold it as
     * one of its files: an upload the application did not take after all. Staff withdraw only
     * documents a failed upload left without content. Recorded like a deletion, with the creator as
     * the one who decided. FORBIDDEN for anyone else; CONFLICT for documents without a case, files
     * of the case, and staff documents with content (retention decides about those).
     */
    void discard(Caller creator, String documentId, String reason);

    /** Operators: rebuilds the search index from the store; answers how many entries were indexed. */
    long reindex(Caller operator);

    /**
     * Operators: puts versions whose OCR failed back in the OCR queue, once the cause is removed
     * (e.g. the disk was full); of one document, or of all with {@code null}. Answers how many.
     */
    int retryOcr(Caller operator, String documentIdOrNull);
}
