package org.amtsgang.cases.internal.rest;

import java.net.URI;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.CreatedCase;
import org.amtsgang.cases.api.dto.HistoryEntry;
import org.amtsgang.cases.api.dto.NewApplication;
import org.amtsgang.cases.api.dto.NewAttachment;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.CitizenAccess;
import org.amtsgang.rest.api.MaxBodySize;
import org.amtsgang.rest.api.PageRequest;
import org.amtsgang.rest.api.Problem;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code /api/v1/cases}: the citizen's own applications, and only theirs. */
@Component(service = RestResource.class)
@CitizenAccess
@Path("v1/cases")
@Produces(MediaType.APPLICATION_JSON)
public final class CitizenCasesResource implements RestResource {

    /** Uploads may be this large; the case service applies the configured, usually smaller, limit. */
    static final long MAX_UPLOAD = 32L * 1024 * 1024;

    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;

    private final Cases cases;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Authenticator logins;

    @Activate
    public CitizenCasesResource(@Reference Cases cases) {
        this.cases = cases;
    }

    @GET
    @ApiOperation(summary = "The caller's applications, newest first", returns = CaseJson.Page.class)
    public CaseJson.Page mine(
            @QueryParam("page") String page, @QueryParam("size") String size, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        PageRequest request = PageRequest.of(page, size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return CaseJson.Page.of(
                CaseProblems.call(caller, logins, () -> cases.mine(caller, request.page(), request.size())));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Apply for a service (submit=true hands it in at once, else a draft); repeat with the same"
                    + " Idempotency-Key to get the same case",
            returns = CaseJson.class)
    public Response create(
            Requests.Application body, @HeaderParam("Idempotency-Key") String key, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        Requests.Application application = Requests.required(body);
        CreatedCase created = CaseProblems.call(
                caller,
                logins,
                () -> cases.create(
                        caller,
                        new NewApplication(
                                application.serviceId(), Requests.form(application.formData()), application.handIn()),
                        key));
        CaseView view = created.view();
        Response.ResponseBuilder response = created.replayed()
                ? Response.ok().header("Idempotent-Replayed", "true")
                : Response.created(URI.create("cases/" + view.id()));
        return response.tag(tag(view)).entity(CaseJson.of(view)).build();
    }

    @GET
    @Path("{id}")
    @ApiOperation(summary = "One of the caller's applications, with its form", returns = CaseJson.class)
    public Response get(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return withTag(CaseProblems.call(caller, logins, () -> cases.get(caller, id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Replace a draft's form; the version read goes in If-Match or the body",
            returns = CaseJson.class)
    public Response updateDraft(
            @PathParam("id") String id,
            Requests.Draft body,
            @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        Requests.Draft draft = Requests.required(body);
        long version = expectedVersion(ifMatch, draft.version());
        return withTag(CaseProblems.call(
                caller, logins, () -> cases.updateDraft(caller, id, Requests.form(draft.formData()), version)));
    }

    @POST
    @Path("{id}/submit")
    @ApiOperation(summary = "Hand in a draft", returns = CaseJson.class)
    public Response submit(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return withTag(CaseProblems.call(caller, logins, () -> cases.submit(caller, id)));
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(summary = "Take the application back before it is decided", returns = CaseJson.class)
    public Response withdraw(@PathParam("id") String id, Requests.Withdrawal body, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        String reason = body == null ? null : body.reason();
        return withTag(CaseProblems.call(caller, logins, () -> cases.withdraw(caller, id, reason)));
    }

    @POST
    @Path("{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(summary = "Answer the office's request for information", returns = CaseJson.class)
    public Response answer(@PathParam("id") String id, Requests.Answer body, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        Requests.Answer answer = Requests.required(body);
        return withTag(CaseProblems.call(
                caller, logins, () -> cases.answer(caller, id, answer.message(), Requests.form(answer.formData()))));
    }

    @GET
    @Path("{id}/history")
    @ApiOperation(summary = "The application's steps, oldest first")
    public List<HistoryEntry> history(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return CaseProblems.call(caller, logins, () -> cases.history(caller, id));
    }

    @GET
    @Path("{id}/files")
    @ApiOperation(summary = "The application's files: attachments and notices")
    public List<AttachmentInfo> files(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return CaseProblems.call(caller, logins, () -> cases.files(caller, id));
    }

    @POST
    @Path("{id}/files")
    @Consumes(MediaType.WILDCARD)
    @MaxBodySize(MAX_UPLOAD)
    @ApiOperation(
            summary = "Attach a file (PDF, JPEG or PNG; the body is the file, ?name= its name)",
            returns = AttachmentInfo.class)
    public Response attach(
            @PathParam("id") String id,
            @QueryParam("name") String name,
            @HeaderParam("Content-Type") String contentType,
            byte[] content,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        AttachmentInfo info = CaseProblems.call(
                caller, logins, () -> cases.attach(caller, id, new NewAttachment(name, contentType, content)));
        return Response.created(URI.create("cases/" + id + "/files/" + info.id()))
                .entity(info)
                .build();
    }

    @GET
    @Path("{id}/files/{file}")
    @Produces(MediaType.WILDCARD)
    @ApiOperation(summary = "Download one of the application's files", returns = byte[].class)
    public Response file(
            @PathParam("id") String id, @PathParam("file") String file, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return Downloads.of(CaseProblems.call(caller, logins, () -> cases.file(caller, id, file)));
    }

    @DELETE
    @Path("{id}/files/{file}")
    @ApiOperation(summary = "Remove an attachment from a draft")
    public void removeFile(
            @PathParam("id") String id, @PathParam("file") String file, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        CaseProblems.run(caller, logins, () -> cases.removeAttachment(caller, id, file));
    }

    @GET
    @Path("{id}/notice")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @ApiOperation(summary = "Download the notice (Bescheid) as PDF, once the case is decided", returns = byte[].class)
    public Response notice(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return Downloads.of(CaseProblems.call(caller, logins, () -> cases.notice(caller, id))
                .orElseThrow(() -> ProblemException.notFound(
                        "No notice (Bescheid) has been issued for case " + id + " yet; it comes with the decision.")));
    }

    static Response withTag(CaseView view) {
        return Response.ok(CaseJson.of(view)).tag(tag(view)).build();
    }

    static EntityTag tag(CaseView view) {
        return new EntityTag(Long.toString(view.version()));
    }

    /** The version a change is based on: If-Match wins; one of the two is needed. */
    static long expectedVersion(String ifMatch, Long bodyVersion) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            String value = ifMatch.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            value = value.replace("\"", "");
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest(
                        "If-Match must carry the case's version as its ETag, e.g. \"3\"; was " + ifMatch + ".");
            }
        }
        if (bodyVersion == null) {
            throw new ProblemException(new Problem(
                    "about:blank",
                    "Precondition required",
                    428,
                    "Say which version of the case you changed: send its ETag as If-Match, or 'version' in the body.",
                    java.util.Map.of()));
        }
        return bodyVersion;
    }
}
