package org.amtsgang.identity.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
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
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.internal.AuthRequests.Accepted;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.Public;
import org.amtsgang.rest.api.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/auth}: registering, logging in and out, keeping a session alive. */
@Component(service = RestResource.class)
@Public
@Path("v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AuthResource implements RestResource {

    private static final Accepted CHECK_MAIL = new Accepted(
            "accepted",
            "If the address can be used, we have sent an e-mail to it. / Wenn die Adresse verwendet werden"
                    + " kann, haben wir eine E-Mail an sie geschickt.");

    private final IdentityFlows flows;
    private final LoginOptions options;

    @Context
    private HttpServletRequest request;

    @Activate
    public AuthResource(@Reference IdentityFlows flows, @Reference LoginOptions options) {
        this.flows = flows;
        this.options = options;
    }

    @POST
    @Path("register")
    @ApiOperation(summary = "Register a citizen account; a code to confirm it goes by e-mail", returns = Accepted.class)
    public Response register(AuthRequests.Register body) {
        required(body);
        flows.local.register(body.email(), body.password(), body.displayName(), ClientAddress.of(request));
        return Response.accepted(CHECK_MAIL).build();
    }

    @POST
    @Path("confirm")
    @ApiOperation(summary = "Confirm the e-mail address with the code from the e-mail")
    public void confirm(AuthRequests.Confirm body) {
        required(body);
        flows.local.confirm(body.email(), body.code());
    }

    @POST
    @Path("login")
    @ApiOperation(summary = "Log in with e-mail and password (staff: and TOTP code)", returns = Sessions.Tokens.class)
    public Sessions.Tokens login(AuthRequests.Login body) {
        required(body);
        return flows.local.login(
                body.email(), body.password(), body.totp(), body.newPassword(), ClientAddress.of(request));
    }

    @POST
    @Path("refresh")
    @ApiOperation(summary = "Exchange a refresh token for new tokens", returns = Sessions.Tokens.class)
    public Sessions.Tokens refresh(AuthRequests.Refresh body) {
        required(body);
        return flows.sessions.refresh(body.refreshToken());
    }

    @POST
    @Path("logout")
    @ApiOperation(summary = "End the session the refresh token belongs to")
    public void logout(AuthRequests.Refresh body) {
        required(body);
        flows.sessions.end(body.refreshToken());
    }

    @POST
    @Path("password-reset")
    @ApiOperation(summary = "Ask for a code to reset the password, sent by e-mail", returns = Accepted.class)
    public Response requestReset(AuthRequests.ResetRequest body) {
        required(body);
        flows.local.requestReset(body.email(), ClientAddress.of(request));
        return Response.accepted(CHECK_MAIL).build();
    }

    @POST
    @Path("password-reset/confirm")
    @ApiOperation(summary = "Set a new password with the code from the e-mail; ends all sessions")
    public void reset(AuthRequests.Reset body) {
        required(body);
        flows.local.reset(body.email(), body.code(), body.newPassword(), ClientAddress.of(request));
    }

    @GET
    @Path("providers")
    @ApiOperation(summary = "The ways to log in, with the trust level each reaches")
    public List<LoginOption> providers() {
        return options.all();
    }

    @GET
    @Path("jwks.json")
    @ApiOperation(summary = "The public keys that verify the platform's access tokens (JWKS)", returns = Map.class)
    public Map<String, Object> jwks() {
        return flows.core.keys.publicSet().toJSONObject(true);
    }

    @GET
    @Path("oidc/{provider}/start")
    @ApiOperation(summary = "Start a login with an external identity provider (redirect)")
    public Response start(@PathParam("provider") String provider) {
        URI location = flows.federated.start(flows.provider(provider));
        return Response.seeOther(location).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("oidc/{provider}/callback")
    @ApiOperation(
            summary = "Where the identity provider sends the browser back; answers with tokens",
            returns = Sessions.Tokens.class)
    public Sessions.Tokens callback(
            @PathParam("provider") String provider,
            @QueryParam("state") String state,
            @QueryParam("code") String code,
            @QueryParam("error") String error) {
        return flows.federated.finish(flows.provider(provider), state, code, error, ClientAddress.of(request));
    }

    private static void required(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("A JSON body is required.");
        }
    }
}
