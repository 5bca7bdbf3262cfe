package org.amtsgang.identity.internal;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.identity.api.AccountInfo;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.CitizenAccess;
import org.amtsgang.rest.api.OperatorAccess;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.RestResource;
import org.amtsgang.rest.api.StaffAccess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/me}: the caller's own account, whoever they are. */
@Component(service = RestResource.class)
@CitizenAccess
@StaffAccess(officeParam = "")
@OperatorAccess
@Path("v1/me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource implements RestResource {

    private final IdentityFlows flows;

    @Context
    private HttpServletRequest request;

    @Activate
    public MeResource(@Reference IdentityFlows flows) {
        this.flows = flows;
    }

    /** The account, and the trust level of this login. */
    record Me(AccountInfo account, TrustLevel loggedInAt) {}

    @GET
    @ApiOperation(summary = "The caller's own account and the trust level of this login", returns = Me.class)
    public Me me(@Context SecurityContext security) {
        Caller caller = Callers.required(security);
        AccountInfo account = flows.core
                .accounts
                .byId(caller.subject())
                .map(org.amtsgang.identity.internal.store.AccountRecord::info)
                .orElseThrow(ProblemException::unauthenticated);
        return new Me(account, caller.trustLevel());
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Change the password; ends all other sessions and answers with new tokens",
            returns = Sessions.Tokens.class)
    public Sessions.Tokens changePassword(AuthRequests.ChangePassword body, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        if (body == null) {
            throw ProblemException.badRequest("A JSON body is required.");
        }
        return flows.local.changePassword(
                caller.subject(), body.currentPassword(), body.newPassword(), ClientAddress.of(request));
    }
}
