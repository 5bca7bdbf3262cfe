package org.amtsgang.catalog.internal;

import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.identity.api.Authenticator;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.LoginOption;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.CitizenAccess;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code /api/v1/services/{id}/eligibility}: whether the logged-in citizen may apply for a service
 * with this login, or which login reaches the trust level the service needs.
 */
@Component(service = RestResource.class)
@CitizenAccess
@Path("v1/services/{id}/eligibility")
@Produces(MediaType.APPLICATION_JSON)
public final class EligibilityResource implements RestResource {

    private final CatalogSnapshots catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Authenticator authenticator;

    @Activate
    public EligibilityResource(@Reference CatalogSnapshots catalog) {
        this.catalog = catalog;
    }

    /** The citizen may apply with this login. */
    record Eligible(String service, TrustLevel required, TrustLevel loggedInAt) {}

    @GET
    @ApiOperation(
            summary = "Whether this login may apply; 403 naming the needed trust level if not",
            returns = Eligible.class)
    public Eligible check(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ServiceDescriptor service = catalog.snapshot()
                .find(id)
                .orElseThrow(() -> ProblemException.notFound("There is no service '" + id + "'."));
        if (!caller.trustLevel().satisfies(service.trustLevel())) {
            Authenticator available = authenticator;
            List<LoginOption> options = available == null ? List.of() : available.loginOptions(service.trustLevel());
            throw ProblemException.trustLevelTooLow(service.trustLevel(), caller.trustLevel(), options);
        }
        return new Eligible(service.id(), service.trustLevel(), caller.trustLevel());
    }
}
