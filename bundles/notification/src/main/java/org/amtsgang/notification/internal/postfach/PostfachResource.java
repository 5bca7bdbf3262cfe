package org.amtsgang.notification.internal.postfach;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.notification.api.Postfach;
import org.amtsgang.notification.api.PostfachMessage;
import org.amtsgang.notification.api.PostfachPage;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.CitizenAccess;
import org.amtsgang.rest.api.PageRequest;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.QueryParams;
import org.amtsgang.rest.api.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/postfach}: the citizen's own messages, and only theirs. */
@Component(service = RestResource.class)
@CitizenAccess
@Path("v1/postfach")
@Produces(MediaType.APPLICATION_JSON)
public final class PostfachResource implements RestResource {

    static final int DEFAULT_PAGE_SIZE = 20;

    private final Postfach postfach;

    @Activate
    public PostfachResource(@Reference Postfach postfach) {
        this.postfach = postfach;
    }

    @GET
    @ApiOperation(summary = "The caller's messages, newest first; unread=true for the unread ones only")
    public PostfachPage inbox(
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("unread") String unread,
            @Context SecurityContext security) {
        String recipient = Callers.required(security).subject();
        PageRequest request = PageRequest.of(page, size, DEFAULT_PAGE_SIZE, PostfachValidation.MAX_PAGE_SIZE);
        return postfach.inbox(recipient, QueryParams.flag("unread", unread), request.page(), request.size());
    }

    @GET
    @Path("{id}")
    @ApiOperation(summary = "One of the caller's messages")
    public PostfachMessage message(@PathParam("id") String id, @Context SecurityContext security) {
        return postfach.message(Callers.required(security).subject(), id).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("{id}/read")
    @ApiOperation(summary = "Mark one of the caller's messages read; answers with the message")
    public PostfachMessage markRead(@PathParam("id") String id, @Context SecurityContext security) {
        return postfach.markRead(Callers.required(security).subject(), id).orElseThrow(() -> notFound(id));
    }

    // someone else's message gets the same answer as none at all: ids reveal nothing
    private static ProblemException notFound(String id) {
        return ProblemException.notFound("There is no message '" + id + "' in your Postfach.");
    }
}
