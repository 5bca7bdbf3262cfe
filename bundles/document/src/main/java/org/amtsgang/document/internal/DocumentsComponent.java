package org.amtsgang.document.internal;

import static org.amtsgang.document.api.DocumentException.Reason.BAD_REQUEST;
import static org.amtsgang.document.api.DocumentException.Reason.CONFLICT;
import static org.amtsgang.document.api.DocumentException.Reason.DAMAGED;
import static org.amtsgang.document.api.DocumentException.Reason.FORBIDDEN;
import static org.amtsgang.document.api.DocumentException.Reason.NOT_FOUND;
import static org.amtsgang.document.api.DocumentException.Reason.STALE;
import static org.amtsgang.document.api.DocumentException.Reason.TOO_LARGE;
import static org.amtsgang.document.api.DocumentException.Reason.UNAVAILABLE;
import static org.amtsgang.document.api.DocumentException.Reason.UNSUPPORTED_TYPE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.amtsgang.audit.api.AuditTrail;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.document.api.BauaktenImports;
import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.Documents;
import org.amtsgang.document.api.dto.Confidentiality;
import org.amtsgang.document.api.dto.Content;
import org.amtsgang.document.api.dto.DocumentPage;
import org.amtsgang.document.api.dto.DocumentQuery;
import org.amtsgang.document.api.dto.DocumentView;
import org.amtsgang.document.api.dto.GrantView;
import org.amtsgang.document.api.dto.ImportJob;
import org.amtsgang.document.api.dto.NewDocument;
import org.amtsgang.document.api.dto.OcrStatus;
import org.amtsgang.document.api.dto.RenditionKind;
import org.amtsgang.document.api.dto.RetentionDue;
import org.amtsgang.document.api.dto.RetentionRule;
import org.amtsgang.document.api.dto.ScanRecord;
import org.amtsgang.document.api.dto.SearchPage;
import org.amtsgang.document.api.dto.SearchQuery;
import org.amtsgang.document.api.dto.VersionView;
import org.amtsgang.document.api.spi.DocumentIndex;
import org.amtsgang.document.api.spi.IndexHits;
import org.amtsgang.document.api.spi.IndexQuery;
import org.amtsgang.document.internal.audit.AuditOutbox;
import org.amtsgang.document.internal.content.ContentRefused;
import org.amtsgang.document.internal.content.ContentStore;
import org.amtsgang.document.internal.content.ContentType;
import org.amtsgang.document.internal.content.FileNames;
import org.amtsgang.document.internal.content.Inspector;
import org.amtsgang.document.internal.content.Intake;
import org.amtsgang.document.internal.content.Staged;
import org.amtsgang.document.internal.index.Indexer;
import org.amtsgang.document.internal.ingest.BauaktenImporter;
import org.amtsgang.document.internal.ocr.OcrRetries;
import org.amtsgang.document.internal.ocr.OcrWorkers;
import org.amtsgang.document.internal.ocr.Tesseract;
import org.amtsgang.document.internal.store.DeletionEntity;
import org.amtsgang.document.internal.store.DocumentEntity;
import org.amtsgang.document.internal.store.DocumentStore;
import org.amtsgang.document.internal.store.GrantEntity;
import org.amtsgang.document.internal.store.ImportEntity;
import org.amtsgang.document.internal.store.ImportStore;
import org.amtsgang.document.internal.store.RenditionEntity;
import org.amtsgang.document.internal.store.VersionEntity;
import org.amtsgang.document.internal.watermark.Watermarker;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.persistence.api.SchemaMigrations;
import org.apache.aries.jpa.template.JpaTemplate;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared document store: metadata and versions in the database, content on disk once per
 * checksum, OCR in a bounded pool, search through the index service (its own bundle, optional: the
 * store works without it, and its outbox waits).
 */
@Component(
        service = {Documents.class, BauaktenImports.class},
        configurationPid = DocumentConfig.PID)
@Designate(ocd = DocumentConfig.class)
public final class DocumentsComponent implements Documents, BauaktenImports {

    private static final int IO_THREADS = 32;

    static final ZoneId CITY_TIME = ZoneId.of("Europe/Berlin");
    private static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_SEARCH_DEPTH = 10_000;
    private static final Duration MAX_GRANT = Duration.ofDays(366);
    private static final Duration SWEEP_AGE = Duration.ofHours(1);

    private static final String DISCARDED = "Withdrawn by its creator: ";
    /** Types only the city files: notices, receipts, building files. */
    private static final Set<String> CITY_TYPES = Set.of("BESCHEID", "QUITTUNG", "BAUAKTE");
    /** How an issued document names its creator: no person, a platform area. */
    static final String ISSUED_BY = "platform:";

    private static final Pattern ISSUER = Pattern.compile("[a-z]{1,40}");
    /** The recorded decision (at most 2000 characters) is the reason behind {@link #DISCARDED}. */
    private static final int MAX_DISCARD_REASON = 2000 - DISCARDED.length();

    private final Logger logger = LoggerFactory.getLogger(DocumentsComponent.class);
    private final DocumentConfig config;
    private final DocumentStore store;
    private final ContentStore content;
    private final Intake intake;
    /** Read-ahead and write-behind of transfers; at most this many at once, the rest run without. */
    private final ThreadPoolExecutor io;

    /**
     * The case service refers to this one (it keeps its files here). Held as service objects, got
     * only when a document of a case needs it: getting it while this component starts would, in one
     * start order, ask the framework for a service that is itself starting and waiting for this
     * one, and the framework refuses that cycle.
     */
    private volatile ComponentServiceObjects<Cases> cases;

    private final Indexer indexer;
    private final AuditOutbox audit;
    private final OcrWorkers ocr;
    private final ScheduledExecutorService jobs;
    private final Watermarker watermarker;
    private final ImportStore imports;
    private final BauaktenImporter importer;
    private final ExecutorService importWorker;
    private volatile boolean stopping;

    @Activate
    public DocumentsComponent(
            BundleContext context,
            DocumentConfig config,
            @Reference(target = "(osgi.unit.name=document)") JpaTemplate jpa,
            @Reference SchemaMigrations migrations) {
        migrations.migrate("document", context.getBundle());
        this.config = config;
        this.store = new DocumentStore(jpa);
        this.io = new ThreadPoolExecutor(
                0,
                IO_THREADS,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                DaemonThreads.named("amtsgang-document-io"));
        this.content = new ContentStore(directory(config), io);
        this.intake = new Intake(
                content,
                new Inspector(
                        new Inspector.Limits(config.maxPixels(), config.maxPages(), config.maxPageContentBytes())));
        this.watermarker = new Watermarker(content.root().resolve("tmp"));
        this.indexer = new Indexer(store, content, Access::documentKeys, Views::fields);
        this.audit = new AuditOutbox(store);
        this.ocr = new OcrWorkers(
                store,
                content,
                new Tesseract(new Tesseract.Settings(
                        config.tesseract(),
                        config.ocrLanguages(),
                        config.ocrDpi(),
                        config.ocrTimeoutSeconds(),
                        config.ocrPdfA())),
                config.ocrWorkers(),
                new OcrRetries(config.ocrAttempts(), Duration.ofMillis(config.ocrRetryDelayMillis())),
                content.root().resolve("tmp"),
                indexer::wake);
        this.jobs = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("amtsgang-document-jobs"));
        this.imports = new ImportStore(jpa);
        this.importer = new BauaktenImporter(
                imports,
                intake,
                new BauaktenImporter.Settings(
                        config.bauaktenOffice(),
                        config.maxUploadBytes(),
                        Ids::document,
                        () -> {
                            ocr.wake();
                            indexer.wake();
                        },
                        () -> stopping));
        this.importWorker = Executors.newSingleThreadExecutor(DaemonThreads.named("amtsgang-bauakten-import"));
        int interrupted = imports.interruptRunning(System.currentTimeMillis());
        if (interrupted > 0) {
            logger.warn("{} Bauakten imports were cut off by a stop; run them again to resume", interrupted);
        }
        ocr.start();
        // the outbox is replayed on every change; the timer only retries after a failure
        jobs.scheduleWithFixedDelay(indexer::wake, 30, 30, TimeUnit.SECONDS);
        jobs.scheduleWithFixedDelay(audit::wake, 30, 30, TimeUnit.SECONDS);
        jobs.scheduleWithFixedDelay(this::sweep, 10, 360, TimeUnit.MINUTES);
        logger.info("Document store at {}", content.root());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopping = true;
        importWorker.shutdown();
        importWorker.awaitTermination(30, TimeUnit.SECONDS);
        jobs.shutdown();
        ocr.stop();
        indexer.stop();
        audit.stop();
        jobs.awaitTermination(10, TimeUnit.SECONDS);
        io.shutdown();
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindIndex(DocumentIndex index) {
        indexer.bind(index);
    }

    void unbindIndex(DocumentIndex index) {
        indexer.unbind(index);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAudit(AuditTrail trail) {
        audit.bind(trail);
    }

    void unbindAudit(AuditTrail trail) {
        audit.unbind(trail);
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCases(ComponentServiceObjects<Cases> cases) {
        this.cases = cases;
    }

    void unbindCases(ComponentServiceObjects<Cases> cases) {
        if (this.cases == cases) {
            this.cases = null;
        }
    }

    static Path directory(DocumentConfig config) {
        if (!config.directory().isBlank()) {
            return Paths.get(config.directory());
        }
        return Paths.get(System.getProperty("karaf.data", "data"), "amtsgang", "documents");
    }

    // ---- documents

    @Override
    public DocumentView create(Caller caller, NewDocument request) {
        NewDocuments.check(request);
        Confidentiality confidentiality =
                request.confidentiality() == null ? Confidentiality.INTERNAL : request.confidentiality();
        String owner = request.owner();
        switch (caller.kind()) {
            case OPERATOR -> throw new DocumentException(
                    FORBIDDEN, "Operators run the platform; documents are created by staff and citizens.");
            case STAFF -> {
                if (!caller.worksIn(request.officeId())) {
                    throw new DocumentException(FORBIDDEN, "You do not work in office '" + request.officeId() + "'.");
                }
                if (confidentiality == Confidentiality.CONFIDENTIAL
                        && !caller.hasRole(request.officeId(), Role.OFFICE_LEAD)) {
                    throw new DocumentException(
                            FORBIDDEN, "Only the office's leads create CONFIDENTIAL documents (they alone read them).");
                }
            }
            case CITIZEN -> {
                if (owner != null && !owner.equals(caller.subject())) {
                    throw new DocumentException(FORBIDDEN, "A citizen creates documents for themselves only.");
                }
                if (confidentiality == Confidentiality.PUBLIC) {
                    throw new DocumentException(BAD_REQUEST, "A citizen's document cannot be PUBLIC.");
                }
                if (CITY_TYPES.contains(request.type())) {
                    // staff must be able to trust that a notice or a receipt came from the city
                    throw new DocumentException(
                            FORBIDDEN,
                            "Documents of type " + request.type() + " are issued by the city, not uploaded.");
                }
                owner = caller.subject();
            }
        }
        String participant = null;
        if (request.caseId() != null) {
            CaseView kase = caseOf(caller, request.caseId());
            if (!kase.officeId().equals(request.officeId())) {
                throw new DocumentException(
                        BAD_REQUEST,
                        "officeId: case " + kase.id() + " belongs to office '" + kase.officeId() + "', not '"
                                + request.officeId() + "'.");
            }
            participant = kase.applicant();
        }
        DocumentEntity document =
                newDocument(request, confidentiality, owner, participant, retention(request), caller.subject());
        store.insert(document);
        indexer.wake();
        return Views.document(document);
    }

    @Override
    public DocumentView issue(String issuer, NewDocument request, String fileName, InputStream in) {
        if (issuer == null || !ISSUER.matcher(issuer).matches()) {
            throw new DocumentException(BAD_REQUEST, "issuer: lower-case letters, up to 40, e.g. 'payment'.");
        }
        NewDocuments.check(request);
        RetentionRule retention = retention(request);
        // the content first: when it is refused, nothing is left behind
        Intake.Accepted accepted = accept(in);
        DocumentEntity document = newDocument(
                request,
                request.confidentiality() == null ? Confidentiality.INTERNAL : request.confidentiality(),
                request.owner(),
                // the issuer names the case's applicant as the owner; no caller to look the case up for
                request.caseId() == null ? null : request.owner(),
                retention,
                ISSUED_BY + issuer);
        store.insert(document, version(document, fileName, accepted, document.createdBy));
        if (document.ocr == 1) {
            ocr.wake();
        }
        indexer.wake();
        return Views.document(document);
    }

    private RetentionRule retention(NewDocument request) {
        try {
            return request.retention() == null ? RetentionRule.parse(config.defaultRetention()) : request.retention();
        } catch (IllegalArgumentException e) {
            throw new DocumentException(BAD_REQUEST, e.getMessage());
        }
    }

    private static DocumentEntity newDocument(
            NewDocument request,
            Confidentiality confidentiality,
            String owner,
            String participant,
            RetentionRule retention,
            String createdBy) {
        long now = System.currentTimeMillis();
        DocumentEntity document = new DocumentEntity();
        document.id = Ids.document();
        document.title = request.title().strip();
        document.type = request.type();
        document.officeId = request.officeId();
        document.confidentiality = confidentiality.name();
        document.owner = owner;
        document.caseId = request.caseId();
        document.participant = participant;
        document.retention = retention.toString();
        document.retainUntilDay = retainUntil(retention, now);
        document.ocr = request.ocr() ? 1 : 0;
        document.ocrPriority = request.ocrPriority();
        document.fields = Views.fieldsJson(request.fields());
        document.latestVersion = 0;
        document.createdAt = now;
        document.createdBy = createdBy;
        return document;
    }

    /** Whether a platform area issued the document ({@link #issue}): it never changes. */
    static boolean issued(DocumentEntity document) {
        return document.createdBy != null && document.createdBy.startsWith(ISSUED_BY);
    }

    /** The last day to keep: the end of the year the document was created, plus the rule's years. */
    static Integer retainUntil(RetentionRule rule, long createdAt) {
        if (rule.years() == 0) {
            return null;
        }
        int year = Instant.ofEpochMilli(createdAt).atZone(CITY_TIME).getYear();
        return (int) LocalDate.of(year + rule.years(), 12, 31).toEpochDay();
    }

    @Override
    public VersionView addVersion(
            Caller caller, String documentId, String fileName, InputStream in, Integer expectedLatest) {
        DocumentEntity document = readable(caller, documentId);
        if (!Access.mayWrite(caller, document)) {
            throw new DocumentException(FORBIDDEN, "You may read this document but not add versions to it.");
        }
        if (issued(document)) {
            throw new DocumentException(
                    CONFLICT,
                    "Document " + documentId + " was issued by the city (" + document.createdBy
                            + ") and never changes; it gets no further versions.");
        }
        if (caller.kind() == PrincipalKind.CITIZEN && document.caseId != null && isCaseFile(caller, document)) {
            // what an application was handed in with stays as it was, for staff too
            throw new DocumentException(
                    CONFLICT,
                    "Document " + documentId + " is a file of application " + document.caseId
                            + " as it was handed in; attach a new file to the application instead.");
        }
        if (expectedLatest != null && expectedLatest != document.latestVersion) {
            throw stale(document.latestVersion);
        }
        Intake.Accepted accepted = accept(in);
        VersionEntity version = version(document, fileName, accepted, caller.subject());
        try {
            // content that lost to a stale version stays unreferenced until the sweep removes it: another
            // upload of the same bytes may be committing right now
            store.addVersion(documentId, version, expectedLatest);
        } catch (DocumentStore.StaleVersion e) {
            throw stale(e.latest());
        }
        if (document.ocr == 1) {
            ocr.wake();
        }
        indexer.wake();
        return Views.version(version);
    }

    private static VersionEntity version(
            DocumentEntity document, String fileName, Intake.Accepted accepted, String createdBy) {
        Staged staged = accepted.content();
        VersionEntity version = new VersionEntity();
        version.fileName = FileNames.sanitise(fileName, staged.type());
        version.contentType = staged.type().mediaType();
        version.size = staged.size();
        version.sha256 = staged.sha256();
        version.pages = accepted.inspection().pages();
        version.ocrStatus = (document.ocr == 1 ? OcrStatus.PENDING : OcrStatus.NOT_REQUESTED).name();
        version.ocrPriority = document.ocrPriority;
        version.createdAt = System.currentTimeMillis();
        version.createdBy = createdBy;
        return version;
    }

    private Intake.Accepted accept(InputStream in) {
        try {
            return intake.accept(in, config.maxUploadBytes());
        } catch (ContentRefused e) {
            throw refused(e);
        } catch (IOException e) {
            throw new DocumentException(BAD_REQUEST, "The upload broke off before it was complete: " + e.getMessage());
        }
    }

    @Override
    public DocumentView get(Caller caller, String documentId) {
        return Views.document(readable(caller, documentId));
    }

    @Override
    public List<VersionView> versions(Caller caller, String documentId) {
        readable(caller, documentId);
        return store.versions(documentId).stream().map(Views::version).toList();
    }

    @Override
    public DocumentPage list(Caller caller, DocumentQuery query) {
        int size = pageSize(query.size());
        int page = Math.max(0, query.page());
        if (caller.kind() == PrincipalKind.OPERATOR) {
            return new DocumentPage(List.of(), page, size, 0);
        }
        DocumentStore.Page found = store.list(
                Access.readers(caller, granted(caller)),
                query.officeId(),
                query.caseId(),
                query.type(),
                Math.multiplyExact(page, size),
                size);
        return new DocumentPage(found.items().stream().map(Views::document).toList(), page, size, found.total());
    }

    @Override
    public Content open(Caller caller, String documentId, int number) {
        DocumentEntity document = readable(caller, documentId);
        VersionEntity version = versionOf(document, number);
        if (!Access.mayRead(caller, document, Set.of())) {
            // readable through a grant only: an inspection copy with the reader's name and the day
            recordRead(caller, version, "inspection copy with the reader's name");
            return watermarked(caller, version);
        }
        recordRead(caller, version, "original");
        return read(version.sha256, version.size, version.contentType, Views.version(version));
    }

    /**
     * Puts the read on record for the audit trail before any content is handed out; if it cannot be
     * recorded, nothing is handed out.
     */
    private void recordRead(Caller caller, VersionEntity version, String what) {
        try {
            audit.read(version.documentId, caller.subject(), "version " + version.number + ", " + what);
        } catch (RuntimeException e) {
            logger.warn("Could not record a read of {} by {}: {}", version.documentId, caller.subject(), e.toString());
            throw new DocumentException(
                    UNAVAILABLE, "The document cannot be read just now (its read is not on record); try again later.");
        }
    }

    private Content watermarked(Caller caller, VersionEntity version) {
        // verified before it is copied: a damaged original must not become a clean-looking copy
        verify(version.sha256, version.size);
        String text = "Bauakteneinsicht: " + caller.displayName() + ", "
                + java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy").format(LocalDate.now(CITY_TIME))
                + " \u2013 nur zur Einsicht, Weitergabe untersagt";
        try {
            Path copy = watermarker.watermark(content.path(version.sha256), ContentType.of(version.contentType), text);
            String sha = org.amtsgang.document.internal.content.Sha256.of(copy);
            long size = java.nio.file.Files.size(copy);
            VersionView view = Views.version(version);
            VersionView asPdf = new VersionView(
                    view.documentId(),
                    view.number(),
                    FileNames.withEnding(view.fileName(), ".pdf"),
                    ContentType.PDF.mediaType(),
                    size,
                    sha,
                    view.pages(),
                    view.ocr(),
                    view.created(),
                    view.createdBy(),
                    view.ocrNote());
            InputStream stream = new java.io.FilterInputStream(java.nio.file.Files.newInputStream(copy)) {
                @Override
                public void close() throws IOException {
                    super.close();
                    java.nio.file.Files.deleteIfExists(copy);
                }
            };
            return new Content(asPdf, ContentType.PDF.mediaType(), size, sha, stream);
        } catch (IOException | RuntimeException e) {
            logger.error(
                    "Could not make the inspection copy of {} version {}: {}",
                    version.documentId,
                    version.number,
                    e.toString());
            throw new DocumentException(
                    UNAVAILABLE, "The inspection copy could not be made just now; please try again later.");
        }
    }

    @Override
    public Content rendition(Caller caller, String documentId, int number, RenditionKind kind) {
        DocumentEntity document = readable(caller, documentId);
        VersionEntity version = versionOf(document, number);
        RenditionEntity rendition = store.rendition(documentId, version.number, kind.name())
                .orElseThrow(() -> new DocumentException(
                        NOT_FOUND,
                        "Version " + version.number + " has no " + kind + " (its OCR is " + version.ocrStatus + ")."));
        recordRead(caller, version, kind.name());
        return read(rendition.sha256, rendition.size, rendition.contentType, Views.version(version));
    }

    private Content read(String sha256, long size, String contentType, VersionView version) {
        if (size <= config.verifyBeforeSendingBytes()) {
            // small content is checked whole before the first byte goes out, so a damaged file
            // gets a clear error instead of a cut connection
            verify(sha256, size);
        } else if (!content.exists(sha256)) {
            throw damaged(sha256, "missing");
        }
        try {
            return new Content(version, contentType, size, sha256, content.stream(sha256, size));
        } catch (IOException e) {
            throw damaged(sha256, e.getMessage());
        }
    }

    private void verify(String sha256, long size) {
        try {
            content.verify(sha256, size);
        } catch (IOException e) {
            throw damaged(sha256, e.getMessage());
        }
    }

    private DocumentException damaged(String sha256, String why) {
        logger.error("Stored content {} is damaged or missing ({}): restore it from the backup", sha256, why);
        return new DocumentException(
                DAMAGED, "The stored content is damaged and cannot be served; the operators have been told.");
    }

    // ---- search

    @Override
    public SearchPage search(Caller caller, SearchQuery query) {
        int size = pageSize(query.size());
        int page = Math.max(0, query.page());
        if ((long) (page + 1) * size > MAX_SEARCH_DEPTH) {
            throw new DocumentException(
                    BAD_REQUEST,
                    "Only the first " + MAX_SEARCH_DEPTH + " hits can be paged through; refine the search.");
        }
        boolean noText = query.text() == null || query.text().isBlank();
        if (noText && query.fields().isEmpty()) {
            throw new DocumentException(BAD_REQUEST, "Say what to search for: words (q) or fields.");
        }
        if (!noText && query.text().length() > 500) {
            throw new DocumentException(BAD_REQUEST, "q: at most 500 characters.");
        }
        NewDocuments.checkFields(query.fields());
        DocumentIndex index = indexer.index();
        if (index == null) {
            throw new DocumentException(UNAVAILABLE, "The search index is not running; try again shortly.");
        }
        Set<String> readers = Access.callerKeys(caller, granted(caller));
        if (readers.isEmpty()) {
            return new SearchPage(List.of(), page, size, 0);
        }
        IndexHits hits;
        try {
            hits = index.search(
                    new IndexQuery(noText ? null : query.text(), query.fields(), readers, page * size, size));
        } catch (RuntimeException e) {
            // e.g. a damaged index directory: the index bundle logged how to repair it
            logger.warn("Search failed: {}", e.toString());
            throw new DocumentException(UNAVAILABLE, "The search index cannot answer just now; try again shortly.");
        }
        return new SearchPage(hits.hits(), page, size, hits.total(), hits.totalExact());
    }

    @Override
    public long reindex(Caller operator) {
        requireOperator(operator);
        if (indexer.index() == null) {
            throw new DocumentException(UNAVAILABLE, "The search index is not running.");
        }
        return indexer.rebuild();
    }

    @Override
    public int retryOcr(Caller operator, String documentIdOrNull) {
        requireOperator(operator);
        int queued = store.requeueFailedOcr(documentIdOrNull);
        if (queued > 0) {
            ocr.wake();
        }
        return queued;
    }

    // ---- grants and retention

    @Override
    public GrantView grant(Caller staff, String documentId, String subject, Instant until, String reason) {
        requireOfficeStaff(staff, documentId, "grant access");
        Instant now = Instant.now();
        if (subject == null || subject.isBlank() || subject.length() > 64) {
            throw new DocumentException(BAD_REQUEST, "subject: the account to grant access to is needed.");
        }
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(MAX_GRANT))) {
            throw new DocumentException(BAD_REQUEST, "until: a time in the future, at most a year ahead.");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new DocumentException(BAD_REQUEST, "reason: why access is granted (1 to 500 characters).");
        }
        GrantEntity grant = new GrantEntity();
        grant.id = Ids.grant();
        grant.documentId = documentId;
        grant.subject = subject.strip(); // as revoke looks it up
        grant.untilAt = until.toEpochMilli();
        grant.grantedBy = staff.subject();
        grant.reason = reason.strip();
        grant.createdAt = now.toEpochMilli();
        store.insertGrant(
                grant,
                AuditOutbox.entry(
                        documentId,
                        staff.subject(),
                        AuditOutbox.GRANTED,
                        "to " + grant.subject + " until " + until + ": " + grant.reason));
        audit.wake();
        return new GrantView(documentId, grant.subject, until, staff.subject(), grant.reason);
    }

    @Override
    public List<GrantView> grants(Caller staff, String documentId) {
        requireOfficeStaff(staff, documentId, "see who holds access");
        return store.activeGrants(documentId, System.currentTimeMillis()).stream()
                .map(g ->
                        new GrantView(g.documentId, g.subject, Instant.ofEpochMilli(g.untilAt), g.grantedBy, g.reason))
                .toList();
    }

    @Override
    public void revoke(Caller staff, String documentId, String subject, String reason) {
        requireOfficeStaff(staff, documentId, "revoke access");
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new DocumentException(BAD_REQUEST, "reason: why access ends (1 to 500 characters).");
        }
        String who = subject == null ? "" : subject.strip();
        int ended = store.revokeGrants(
                documentId,
                who,
                staff.subject(),
                reason.strip(),
                System.currentTimeMillis(),
                AuditOutbox.entry(
                        documentId, staff.subject(), AuditOutbox.REVOKED, "of " + who + ": " + reason.strip()));
        audit.wake();
        if (ended == 0) {
            throw new DocumentException(
                    NOT_FOUND,
                    "'" + who.substring(0, Math.min(64, who.length())) + "' holds no access to document " + documentId
                            + ".");
        }
        logger.info(
                "{} revoked the access of {} to document {}: {}",
                staff.subject(),
                who.replaceAll("\\p{Cntrl}", "?"), // from the URL: no forged log lines
                documentId,
                reason.strip().replaceAll("\\p{Cntrl}", " "));
    }

    /** The caller is staff of the document's office (others learn nothing about the document). */
    private void requireOfficeStaff(Caller staff, String documentId, String what) {
        DocumentEntity document = readable(staff, documentId);
        if (staff.kind() != PrincipalKind.STAFF || !staff.worksIn(document.officeId)) {
            throw new DocumentException(FORBIDDEN, "Only staff of office '" + document.officeId + "' " + what + ".");
        }
    }

    @Override
    public List<RetentionDue> retentionDue(Caller operator, LocalDate asOf, int limit) {
        requireOperator(operator);
        return store.retentionDue((int) asOf.toEpochDay(), Math.min(Math.max(limit, 1), 10_000)).stream()
                .map(d -> new RetentionDue(
                        d.id,
                        d.title,
                        d.officeId,
                        d.type,
                        RetentionRule.parse(d.retention),
                        LocalDate.ofEpochDay(d.retainUntilDay)))
                .toList();
    }

    @Override
    public void delete(Caller operator, String documentId, String decision) {
        requireOperator(operator);
        if (decision == null || decision.strip().length() < 10 || decision.length() > 2000) {
            throw new DocumentException(
                    BAD_REQUEST, "decision: the recorded grounds for the deletion (10 to 2000 characters).");
        }
        DocumentEntity document = store.find(documentId)
                .orElseThrow(() -> new DocumentException(NOT_FOUND, "No document " + documentId + "."));
        if (document.deletedAt != null) {
            throw new DocumentException(CONFLICT, "Document " + documentId + " was deleted already.");
        }
        LocalDate today = LocalDate.now(CITY_TIME);
        if (document.retainUntilDay == null || document.retainUntilDay >= today.toEpochDay()) {
            throw new DocumentException(
                    CONFLICT,
                    document.retainUntilDay == null
                            ? "Document " + documentId + " is kept permanently."
                            : "Document " + documentId + " must be kept until "
                                    + LocalDate.ofEpochDay(document.retainUntilDay) + ".");
        }
        erase(document, operator, decision.strip());
    }

    @Override
    public void discard(Caller creator, String documentId, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_DISCARD_REASON) {
            throw new DocumentException(
                    BAD_REQUEST,
                    "reason: why the document is withdrawn (up to " + MAX_DISCARD_REASON + " characters).");
        }
        DocumentEntity document = readable(creator, documentId);
        if (!creator.subject().equals(document.createdBy)) {
            throw new DocumentException(
                    FORBIDDEN,
                    "Only the person who created document " + documentId
                            + " can withdraw it; retention decides about the rest.");
        }
        if (document.caseId == null) {
            throw new DocumentException(
                    CONFLICT, "Document " + documentId + " belongs to no application; retention decides about it.");
        }
        if (creator.kind() == PrincipalKind.CITIZEN) {
            if (isCaseFile(creator, document)) {
                throw new DocumentException(
                        CONFLICT,
                        "Document " + documentId + " is a file of application " + document.caseId
                                + ": it stays with it; retention decides about it.");
            }
        } else if (document.latestVersion > 0) {
            // staff withdraw only what a failed upload left empty: the office's files go by retention
            throw new DocumentException(
                    CONFLICT, "Document " + documentId + " has content; retention decides about it.");
        }
        erase(document, creator, DISCARDED + reason.strip());
    }

    /** Whether the document holds a file of its case (the case area names the document of each). */
    private boolean isCaseFile(Caller caller, DocumentEntity document) {
        return withCases(service -> {
            try {
                return service.files(caller, document.caseId).stream()
                        .anyMatch(f -> document.id.equals(f.documentId()));
            } catch (CaseException e) {
                // the caller cannot see the case's files: then its documents are not theirs to change
                throw new DocumentException(
                        CONFLICT, "Document " + document.id + " belongs to application " + document.caseId + ".");
            }
        });
    }

    /**
     * Deletes the document with the record of who decided it and why, then its content where no
     * other version shares it.
     */
    private void erase(DocumentEntity document, Caller decidedBy, String decision) {
        String documentId = document.id;
        DeletionEntity record = new DeletionEntity();
        record.documentId = documentId;
        record.title = document.title;
        record.officeId = document.officeId;
        record.retention = document.retention;
        record.decidedBy = decidedBy.subject();
        record.decidedAt = System.currentTimeMillis();
        record.decision = decision;
        Set<String> checksums = store.delete(
                document, record, AuditOutbox.entry(documentId, record.decidedBy, AuditOutbox.DELETED, decision));
        audit.wake();
        for (String sha : checksums) {
            try {
                if (!store.referenced(sha)) {
                    content.delete(sha);
                }
            } catch (IOException | RuntimeException e) {
                logger.warn(
                        "Content {} of deleted document {} stays until the next sweep: {}",
                        sha,
                        documentId,
                        e.toString());
            }
        }
        logger.info("Document {} deleted by {}: {}", documentId, record.decidedBy, record.decision);
        indexer.wake();
    }

    // ---- Bauakten imports

    @Override
    public ImportJob start(Caller caller, String folder) {
        Path dir = importFolder(caller, folder);
        ImportEntity job = newJob(caller, dir);
        importWorker.execute(() -> {
            try {
                importer.run(job, dir, j -> {});
            } catch (RuntimeException e) {
                logger.error("Import {} of {} broke off: {}", job.id, dir, e.toString(), e);
            }
        });
        return importView(job);
    }

    @Override
    public ImportJob run(Caller caller, String folder, java.util.function.Consumer<ImportJob> progress) {
        Path dir = importFolder(caller, folder);
        ImportEntity job = newJob(caller, dir);
        importer.run(job, dir, j -> progress.accept(importView(j)));
        return importView(job);
    }

    @Override
    public ImportJob job(Caller caller, String jobId) {
        requireImporter(caller);
        return importView(imports.job(jobId == null ? "" : jobId)
                .orElseThrow(() -> new DocumentException(NOT_FOUND, "No import " + jobId + ".")));
    }

    @Override
    public List<ScanRecord> scans(Caller caller, String documentId) {
        readable(caller, documentId);
        return imports.scans(documentId).stream()
                .map(s -> new ScanRecord(
                        s.documentId,
                        s.versionNumber,
                        s.page,
                        s.scannedBy,
                        s.device,
                        Instant.ofEpochMilli(s.scannedAt),
                        s.sha256,
                        s.quality,
                        s.resolutionDpi,
                        Instant.ofEpochMilli(s.recordedAt)))
                .toList();
    }

    private void requireImporter(Caller caller) {
        boolean allowed = caller.kind() == PrincipalKind.OPERATOR
                || (caller.kind() == PrincipalKind.STAFF && caller.worksIn(config.bauaktenOffice()));
        if (!allowed) {
            throw new DocumentException(
                    FORBIDDEN, "Bauakten are imported by operators and staff of '" + config.bauaktenOffice() + "'.");
        }
    }

    /** A plain name under the import directory, or (operators only) an absolute path. */
    private Path importFolder(Caller caller, String folder) {
        requireImporter(caller);
        if (folder == null || folder.isBlank()) {
            throw new DocumentException(BAD_REQUEST, "folder: the import folder's name is needed.");
        }
        Path root = importRoot(config);
        Path dir;
        if (Paths.get(folder).isAbsolute()) {
            if (caller.kind() != PrincipalKind.OPERATOR) {
                throw new DocumentException(
                        FORBIDDEN, "Only operators import from a path; name a folder under the import directory.");
            }
            dir = Paths.get(folder).normalize();
        } else {
            if (!folder.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") || folder.contains("..")) {
                throw new DocumentException(
                        BAD_REQUEST, "folder: a plain folder name under the import directory, was '" + folder + "'.");
            }
            dir = root.resolve(folder).normalize();
        }
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new DocumentException(NOT_FOUND, "No import folder '" + folder + "'.");
        }
        if (!java.nio.file.Files.isRegularFile(dir.resolve(METADATA_FILE))) {
            throw new DocumentException(BAD_REQUEST, "The folder has no " + METADATA_FILE + ".");
        }
        return dir;
    }

    static Path importRoot(DocumentConfig config) {
        if (!config.importDirectory().isBlank()) {
            return Paths.get(config.importDirectory());
        }
        return Paths.get(System.getProperty("karaf.data", "data"), "amtsgang", "import");
    }

    private ImportEntity newJob(Caller caller, Path dir) {
        ImportEntity job = new ImportEntity();
        job.id = Ids.importJob();
        job.folder = dir.toString();
        job.state = "RUNNING";
        job.startedBy = caller.subject();
        job.startedAt = System.currentTimeMillis();
        job.errors = "";
        imports.insertJob(job);
        return job;
    }

    private ImportJob importView(ImportEntity job) {
        java.util.Map<OcrStatus, Long> ocrCounts = imports.ocr(job.id);
        return new ImportJob(
                job.id,
                job.folder,
                job.state,
                job.files,
                job.imported,
                job.skipped,
                job.failed,
                job.pages,
                ocrCounts.getOrDefault(OcrStatus.PENDING, 0L),
                ocrCounts.getOrDefault(OcrStatus.DONE, 0L),
                ocrCounts.getOrDefault(OcrStatus.FAILED, 0L),
                Instant.ofEpochMilli(job.startedAt),
                job.finishedAt == null ? null : Instant.ofEpochMilli(job.finishedAt),
                job.errors.isEmpty() ? List.of() : List.of(job.errors.split("\n")));
    }

    // ---- helpers

    private DocumentEntity readable(Caller caller, String documentId) {
        if (documentId == null || documentId.length() > 24) {
            throw notFound(documentId);
        }
        DocumentEntity document = store.find(documentId).orElseThrow(() -> notFound(documentId));
        if (document.deletedAt != null) {
            throw notFound(documentId);
        }
        if (!Access.mayRead(caller, document, grantedFor(caller, documentId))) {
            // not "forbidden": whether it exists is not theirs to know either
            throw notFound(documentId);
        }
        return document;
    }

    private Set<String> grantedFor(Caller caller, String documentId) {
        Set<String> granted = granted(caller);
        return granted.contains(documentId) ? Set.of(documentId) : Set.of();
    }

    private Set<String> granted(Caller caller) {
        return caller.kind() == PrincipalKind.OPERATOR
                ? Set.of()
                : store.grantedDocuments(caller.subject(), System.currentTimeMillis());
    }

    private VersionEntity versionOf(DocumentEntity document, int number) {
        int wanted = number == 0 ? document.latestVersion : number;
        if (wanted <= 0) {
            throw new DocumentException(NOT_FOUND, "Document " + document.id + " has no version yet.");
        }
        return store.version(document.id, wanted)
                .orElseThrow(() -> new DocumentException(
                        NOT_FOUND, "Document " + document.id + " has no version " + wanted + "."));
    }

    private CaseView caseOf(Caller caller, String caseId) {
        return withCases(service -> {
            try {
                return service.get(caller, caseId);
            } catch (CaseException e) {
                throw new DocumentException(NOT_FOUND, "No case " + caseId + " of yours.");
            }
        });
    }

    /** Asks the case service, got for this call only (see {@link #cases}). */
    private <T> T withCases(Function<Cases, T> call) {
        ComponentServiceObjects<Cases> objects = cases;
        Cases service = objects == null ? null : objects.getService();
        if (service == null) {
            throw new DocumentException(
                    UNAVAILABLE, "The case service is not running just now; documents of a case wait for it.");
        }
        try {
            return call.apply(service);
        } finally {
            objects.ungetService(service);
        }
    }

    private static void requireOperator(Caller caller) {
        if (caller.kind() != PrincipalKind.OPERATOR) {
            throw new DocumentException(FORBIDDEN, "This is for operators only.");
        }
    }

    private static int pageSize(int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new DocumentException(BAD_REQUEST, "size: 1 to " + MAX_PAGE_SIZE + ".");
        }
        return size;
    }

    private static DocumentException notFound(String documentId) {
        return new DocumentException(NOT_FOUND, "No document " + documentId + " of yours.");
    }

    private static DocumentException stale(int latest) {
        return new DocumentException(
                STALE, "The latest version is " + latest + ", not the one you saw: look at it before adding another.");
    }

    private static DocumentException refused(ContentRefused e) {
        return switch (e.why()) {
            case TOO_LARGE, BOMB -> new DocumentException(TOO_LARGE, e.getMessage());
            case UNSUPPORTED_TYPE -> new DocumentException(UNSUPPORTED_TYPE, e.getMessage());
            case EMPTY, MALFORMED -> new DocumentException(BAD_REQUEST, e.getMessage());
        };
    }

    private void sweep() {
        try {
            int removed = content.sweep(SWEEP_AGE, store::referenced);
            if (removed > 0) {
                logger.info("Document store sweep removed {} files nothing referenced", removed);
            }
        } catch (IOException | RuntimeException e) {
            logger.warn("Document store sweep failed: {}", e.toString());
        }
    }
}
