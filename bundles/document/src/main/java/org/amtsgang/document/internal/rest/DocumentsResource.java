package org.amtsgang.document.internal.rest;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.amtsgang.document.api.BauaktenImports;
import org.amtsgang.document.api.Documents;
import org.amtsgang.document.api.dto.Confidentiality;
import org.amtsgang.document.api.dto.Content;
import org.amtsgang.document.api.dto.DocumentPage;
import org.amtsgang.document.api.dto.DocumentQuery;
import org.amtsgang.document.api.dto.DocumentView;
import org.amtsgang.document.api.dto.GrantView;
import org.amtsgang.document.api.dto.NewDocument;
import org.amtsgang.document.api.dto.RenditionKind;
import org.amtsgang.document.api.dto.RetentionDue;
import org.amtsgang.document.api.dto.RetentionRule;
import org.amtsgang.document.api.dto.ScanRecord;
import org.amtsgang.document.api.dto.SearchPage;
import org.amtsgang.document.api.dto.SearchQuery;
import org.amtsgang.document.api.dto.VersionView;
import org.amtsgang.document.internal.DocumentConfig;
import org.amtsgang.document.internal.content.FileNames;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.CitizenAccess;
import org.amtsgang.rest.api.MaxBodySize;
import org.amtsgang.rest.api.OperatorAccess;
import org.amtsgang.rest.api.PageRequest;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.RestResource;
import org.amtsgang.rest.api.StaffAccess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/documents}: citizens and staff store and read documents, each only what the
 * document area lets them read; operators see the retention report and decide deletions.
 */
@Component(service = RestResource.class, configurationPid = DocumentConfig.PID)
@Path("v1/documents")
@Produces(MediaType.APPLICATION_JSON)
public final class DocumentsResource implements RestResource {

    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;
    private static final Set<String> SEARCH_PARAMS = Set.of("q", "page", "size");

    private final Documents documents;
    private final BauaktenImports imports;
    private final long maxUploadBytes;

    @Activate
    public DocumentsResource(
            @Reference Documents documents, @Reference BauaktenImports imports, DocumentConfig config) {
        this.documents = documents;
        this.imports = imports;
        this.maxUploadBytes = config.maxUploadBytes();
    }

    @POST
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Create a document (its metadata); its content follows as versions",
            returns = DocumentView.class)
    public Response create(DocumentJson.NewDocumentBody body, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        DocumentJson.NewDocumentBody b = DocumentJson.required(body);
        if (b.fields() != null && (b.fields().containsKey(null) || b.fields().containsValue(null))) {
            throw ProblemException.badRequest("fields: every field needs a name and a text value.");
        }
        NewDocument request = new NewDocument(
                b.title(),
                b.type(),
                b.officeId(),
                b.confidentiality() == null
                        ? null
                        : parse(Confidentiality.class, "confidentiality", b.confidentiality()),
                b.owner(),
                b.caseId(),
                b.retention() == null ? null : retention(b.retention()),
                b.ocr() != null && b.ocr(),
                b.ocrPriority() == null ? 0 : b.ocrPriority(),
                b.fields());
        DocumentView created = DocumentProblems.call(() -> documents.create(caller, request));
        return Response.created(URI.create("documents/" + created.id()))
                .entity(created)
                .build();
    }

    @GET
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @ApiOperation(summary = "The documents the caller may read, newest first", returns = DocumentPage.class)
    public DocumentPage list(
            @QueryParam("office") String office,
            @QueryParam("case") String caseId,
            @QueryParam("type") String type,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        PageRequest request = PageRequest.of(page, size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return DocumentProblems.call(() -> documents.list(
                caller,
                new DocumentQuery(
                        blankToNull(office), blankToNull(caseId), blankToNull(type), request.page(), request.size())));
    }

    @GET
    @Path("search")
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @ApiOperation(
            summary = "Search words (q) and fields (any other parameter, e.g. aktenzeichen, gemarkung, flur,"
                    + " flurstueck, year, address, type, office) over what the caller may read",
            returns = SearchPage.class)
    public SearchPage search(@Context UriInfo uri, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        Map<String, List<String>> params = uri.getQueryParameters();
        Map<String, String> fields = new HashMap<>();
        params.forEach((name, values) -> {
            if (!SEARCH_PARAMS.contains(name)) {
                if (values.size() != 1) {
                    throw ProblemException.badRequest("'" + name + "' may be given once.");
                }
                fields.put(name, values.get(0));
            }
        });
        PageRequest request =
                PageRequest.of(first(params, "page"), first(params, "size"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return DocumentProblems.call(() ->
                documents.search(caller, new SearchQuery(first(params, "q"), fields, request.page(), request.size())));
    }

    @GET
    @Path("{id}")
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @ApiOperation(summary = "One document's metadata", returns = DocumentView.class)
    public DocumentView get(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return DocumentProblems.call(() -> documents.get(caller, id));
    }

    @GET
    @Path("{id}/versions")
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @ApiOperation(summary = "A document's versions, oldest first", returns = VersionView.class)
    public List<VersionView> versions(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return DocumentProblems.call(() -> documents.versions(caller, id));
    }

    @GET
    @Path("{id}/scans")
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @ApiOperation(
            summary = "The scan records of a document's pages: who scanned, device, time, hash, quality check",
            returns = ScanRecord.class)
    public List<ScanRecord> scans(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return DocumentProblems.call(() -> imports.scans(caller, id));
    }

    @POST
    @Path("{id}/versions")
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @Consumes(MediaType.WILDCARD)
    @MaxBodySize(Long.MAX_VALUE)
    @ApiOperation(
            summary = "Upload a new version: the raw bytes as the body (PDF, TIFF, PNG or JPEG), the name in"
                    + " Content-Disposition or ?fileName=; If-Match: \"<latest version>\" guards against a lost update",
            returns = VersionView.class)
    public Response upload(
            @PathParam("id") String id,
            @QueryParam("fileName") String fileName,
            @HeaderParam("Content-Disposition") String disposition,
            @HeaderParam("Content-Length") String length,
            @HeaderParam("If-Match") String ifMatch,
            InputStream body,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        if (length != null && parseLong("Content-Length", length) > maxUploadBytes) {
            throw new ProblemException(new org.amtsgang.rest.api.Problem(
                    DocumentProblems.TOO_LARGE,
                    "Payload too large",
                    413,
                    "The file is larger than the " + maxUploadBytes + " bytes accepted.",
                    Map.of()));
        }
        Integer expected = ifMatch == null
                ? null
                : (int) parseLong("If-Match", ifMatch.replace("\"", "").strip());
        VersionView version = DocumentProblems.call(
                () -> documents.addVersion(caller, id, Transfers.fileName(fileName, disposition), body, expected));
        return Response.created(URI.create("documents/" + id + "/versions/" + version.number()))
                .entity(version)
                .header("ETag", "\"" + version.number() + "\"")
                .build();
    }

    @GET
    @Path("{id}/versions/{version}/content")
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @Produces(MediaType.WILDCARD)
    @ApiOperation(summary = "A version's content (version: a number or 'latest'), streamed and verified")
    public Response content(
            @PathParam("id") String id,
            @PathParam("version") String version,
            @QueryParam("inline") String inline,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        Content content = DocumentProblems.call(() -> documents.open(caller, id, versionNumber(version)));
        return Transfers.download(content, content.version().fileName(), "true".equals(inline));
    }

    @GET
    @Path("{id}/versions/{version}/ocr-text")
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @Produces(MediaType.WILDCARD)
    @ApiOperation(summary = "The text recognised in a version, pages separated by form feeds")
    public Response ocrText(
            @PathParam("id") String id, @PathParam("version") String version, @Context SecurityContext security) {
        return rendition(id, version, RenditionKind.OCR_TEXT, ".txt", true, security);
    }

    @GET
    @Path("{id}/versions/{version}/pdfa")
    @CitizenAccess
    @StaffAccess(officeParam = "")
    @Produces(MediaType.WILDCARD)
    @ApiOperation(
            summary = "A version as searchable PDF/A (its scan with the recognised text beneath), once OCR is done")
    public Response pdfA(
            @PathParam("id") String id, @PathParam("version") String version, @Context SecurityContext security) {
        return rendition(id, version, RenditionKind.PDF_A, "-pdfa.pdf", false, security);
    }

    private Response rendition(
            String id, String version, RenditionKind kind, String ending, boolean inline, SecurityContext security) {
        Caller caller = Callers.required(security);
        Content content = DocumentProblems.call(() -> documents.rendition(caller, id, versionNumber(version), kind));
        return Transfers.download(
                content, FileNames.withEnding(content.version().fileName(), ending), inline);
    }

    @POST
    @Path("{id}/grants")
    @StaffAccess(officeParam = "")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Let a person read the document until a time (staff of its office)",
            returns = GrantView.class)
    public Response grant(@PathParam("id") String id, DocumentJson.GrantBody body, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        DocumentJson.GrantBody b = DocumentJson.required(body);
        Instant until;
        try {
            until = b.until() == null ? null : Instant.parse(b.until());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("until: an ISO-8601 instant such as 2027-01-31T23:59:59Z.");
        }
        GrantView grant = DocumentProblems.call(() -> documents.grant(caller, id, b.subject(), until, b.reason()));
        return Response.status(Response.Status.CREATED).entity(grant).build();
    }

    @GET
    @Path("{id}/grants")
    @StaffAccess(officeParam = "")
    @ApiOperation(
            summary = "Who may read the document by a grant that has not ended (staff of its office)",
            returns = GrantView.class)
    public List<GrantView> grants(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return DocumentProblems.call(() -> documents.grants(caller, id));
    }

    @POST
    @Path("{id}/grants/{subject}/revocation")
    @StaffAccess(officeParam = "")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(summary = "End a person's access to the document at once, with the reason (staff of its office)")
    public Response revoke(
            @PathParam("id") String id,
            @PathParam("subject") String subject,
            DocumentJson.RevocationBody body,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        DocumentJson.RevocationBody b = DocumentJson.required(body);
        DocumentProblems.run(() -> documents.revoke(caller, id, subject, b.reason()));
        return Response.noContent().build();
    }

    @GET
    @Path("retention")
    @OperatorAccess
    @ApiOperation(
            summary =
                    "Documents whose retention has ended by a day (asOf, default today): to delete or hand to the archive",
            returns = RetentionDue.class)
    public List<RetentionDue> retention(
            @QueryParam("asOf") String asOf, @QueryParam("limit") String limit, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        LocalDate day;
        try {
            day = asOf == null || asOf.isBlank()
                    ? LocalDate.now(java.time.ZoneId.of("Europe/Berlin"))
                    : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("asOf: a day such as 2026-12-31.");
        }
        int max = limit == null ? 1000 : (int) parseLong("limit", limit);
        if (max < 1 || max > 10_000) {
            throw ProblemException.badRequest("limit: 1 to 10000.");
        }
        return DocumentProblems.call(() -> documents.retentionDue(caller, day, max));
    }

    @POST
    @Path("{id}/deletion")
    @OperatorAccess
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(summary = "Delete a document whose retention has ended, with the recorded decision")
    public Response delete(
            @PathParam("id") String id, DocumentJson.DeletionBody body, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        DocumentJson.DeletionBody b = DocumentJson.required(body);
        DocumentProblems.run(() -> documents.delete(caller, id, b.decision()));
        return Response.noContent().build();
    }

    @POST
    @Path("index")
    @OperatorAccess
    @ApiOperation(summary = "Rebuild the search index from the store", returns = DocumentJson.Reindexed.class)
    public DocumentJson.Reindexed reindex(@Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return new DocumentJson.Reindexed(DocumentProblems.call(() -> documents.reindex(caller)));
    }

    private static int versionNumber(String text) {
        if ("latest".equals(text)) {
            return 0;
        }
        long number = parseLong("version", text);
        if (number < 1 || number > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("version: a number from 1, or 'latest'.");
        }
        return (int) number;
    }

    private static long parseLong(String name, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + ": a number is needed, was '" + text + "'.");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    name + ": one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
        }
    }

    private static RetentionRule retention(String text) {
        try {
            return RetentionRule.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("retention: " + e.getMessage());
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
