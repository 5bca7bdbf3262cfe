package org.amtsgang.cases.internal.rest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.cases.api.Cases;
import org.amtsgang.cases.api.dto.AttachmentInfo;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.HistoryEntry;
import org.amtsgang.cases.api.dto.InboxQuery;
import org.amtsgang.cases.api.dto.Recommendation;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.PageRequest;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.QueryParams;
import org.amtsgang.rest.api.RestResource;
import org.amtsgang.rest.api.StaffAccess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/offices/{office}/cases}: an office's staff work on its cases, and on no other
 * office's. A case of another office answers 404, as if it did not exist.
 */
@Component(service = RestResource.class)
@StaffAccess
@Path("v1/offices/{office}/cases")
@Produces(MediaType.APPLICATION_JSON)
public final class OfficeCasesResource implements RestResource {

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 200;
    private static final int MAX_AGE_DAYS = 36_500;

    private final Cases cases;

    @Activate
    public OfficeCasesResource(@Reference Cases cases) {
        this.cases = cases;
    }

    @GET
    @ApiOperation(
            summary = "The office's cases, earliest due first; filter by status (repeatable or comma-separated),"
                    + " service, assignee ('none' for unassigned), olderThanDays, overdue",
            returns = CaseJson.Page.class)
    public CaseJson.Page inbox(
            @PathParam("office") String office,
            @QueryParam("status") List<String> status,
            @QueryParam("service") String service,
            @QueryParam("assignee") String assignee,
            @QueryParam("olderThanDays") String olderThanDays,
            @QueryParam("overdue") String overdue,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context SecurityContext security) {
        PageRequest request = PageRequest.of(page, size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        InboxQuery query = new InboxQuery(
                office,
                statuses(status),
                blankToNull(service),
                assignee(assignee),
                days(olderThanDays),
                QueryParams.flag("overdue", overdue),
                request.page(),
                request.size());
        return page(security, query);
    }

    @GET
    @Path("overdue")
    @ApiOperation(
            summary = "The office's undecided cases past their due date, most overdue first",
            returns = CaseJson.Page.class)
    public CaseJson.Page overdue(
            @PathParam("office") String office,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context SecurityContext security) {
        PageRequest request = PageRequest.of(page, size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return page(security, new InboxQuery(office, Set.of(), null, null, 0, true, request.page(), request.size()));
    }

    @GET
    @Path("{id}")
    @ApiOperation(summary = "One of the office's cases, with its form and decision", returns = CaseJson.class)
    public Response get(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return CitizenCasesResource.withTag(ofOffice(caller, office, id));
    }

    @POST
    @Path("{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Assign the case to a member of the office (no body or no assignee: claim it)",
            returns = CaseJson.class)
    public Response assign(
            @PathParam("office") String office,
            @PathParam("id") String id,
            Requests.Assignment body,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        String assignee = body == null ? null : body.assignee();
        return CitizenCasesResource.withTag(call(caller, () -> cases.assign(caller, id, assignee)));
    }

    @POST
    @Path("{id}/information-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Ask the applicant for information; the case waits for the answer",
            returns = CaseJson.class)
    public Response requestInformation(
            @PathParam("office") String office,
            @PathParam("id") String id,
            Requests.InformationRequest body,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        String message = Requests.required(body).message();
        ofOffice(caller, office, id);
        return CitizenCasesResource.withTag(call(caller, () -> cases.requestInformation(caller, id, message)));
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Decide: APPROVE or REJECT with a written reason (under four-eyes, a proposal until confirmed)",
            returns = CaseJson.class)
    public Response decide(
            @PathParam("office") String office,
            @PathParam("id") String id,
            Requests.DecisionRequest body,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        Requests.DecisionRequest decision = Requests.required(body);
        ofOffice(caller, office, id);
        return CitizenCasesResource.withTag(
                call(caller, () -> cases.decide(caller, id, decision.decision(), decision.reason())));
    }

    @POST
    @Path("{id}/decision/confirmation")
    @ApiOperation(summary = "Confirm a colleague's decision (four-eyes rule)", returns = CaseJson.class)
    public Response confirm(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return CitizenCasesResource.withTag(call(caller, () -> cases.confirm(caller, id)));
    }

    @POST
    @Path("{id}/close")
    @ApiOperation(summary = "Close a decided or withdrawn case", returns = CaseJson.class)
    public Response close(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return CitizenCasesResource.withTag(call(caller, () -> cases.close(caller, id)));
    }

    @GET
    @Path("{id}/history")
    @ApiOperation(summary = "The case's steps, oldest first")
    public List<HistoryEntry> history(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return call(caller, () -> cases.history(caller, id));
    }

    @GET
    @Path("{id}/recommendations")
    @ApiOperation(summary = "What the office's rules suggest; a person still decides")
    public List<Recommendation> recommendations(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return call(caller, () -> cases.recommendations(caller, id));
    }

    @GET
    @Path("{id}/files")
    @ApiOperation(summary = "The case's files: attachments and notices")
    public List<AttachmentInfo> files(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return call(caller, () -> cases.files(caller, id));
    }

    @GET
    @Path("{id}/files/{file}")
    @Produces(MediaType.WILDCARD)
    @ApiOperation(summary = "Download one of the case's files", returns = byte[].class)
    public Response file(
            @PathParam("office") String office,
            @PathParam("id") String id,
            @PathParam("file") String file,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return Downloads.of(call(caller, () -> cases.file(caller, id, file)));
    }

    @GET
    @Path("{id}/notice")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @ApiOperation(summary = "Download the notice (Bescheid) issued", returns = byte[].class)
    public Response notice(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return Downloads.of(call(caller, () -> cases.notice(caller, id))
                .orElseThrow(() -> ProblemException.notFound("No notice has been issued for case " + id + ".")));
    }

    private CaseJson.Page page(SecurityContext security, InboxQuery query) {
        Caller caller = Callers.required(security);
        return CaseJson.Page.of(call(caller, () -> cases.inbox(caller, query)));
    }

    /** The case, if it belongs to the office in the path: another office's is not found here. */
    private CaseView ofOffice(Caller caller, String office, String id) {
        CaseView view = call(caller, () -> cases.get(caller, id));
        if (!view.officeId().equals(office)) {
            throw ProblemException.notFound("There is no case '" + id + "' for you.");
        }
        return view;
    }

    private static <T> T call(Caller caller, java.util.function.Supplier<T> work) {
        // staff never meet the trust-level refusal, so no login options are needed
        return CaseProblems.call(caller, null, work);
    }

    static Set<CaseStatus> statuses(List<String> values) {
        Set<CaseStatus> statuses = EnumSet.noneOf(CaseStatus.class);
        for (String value : values == null ? List.<String>of() : values) {
            for (String part : value.split(",")) {
                String name = part.trim().toUpperCase(java.util.Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    statuses.add(CaseStatus.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("Unknown status '" + part.trim() + "'; one of "
                            + java.util.Arrays.toString(CaseStatus.values()) + ".");
                }
            }
        }
        return statuses;
    }

    static String assignee(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim().equals("none") ? "" : value.trim();
    }

    static int days(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 0 && days <= MAX_AGE_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("Query parameter 'olderThanDays' must be a whole number from 0 to "
                + MAX_AGE_DAYS + ", was '" + value + "'.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
