package org.amtsgang.catalog.internal;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.amtsgang.catalog.api.dto.ServiceQuery;
import org.amtsgang.catalog.internal.ServiceViews.ServiceDetail;
import org.amtsgang.catalog.internal.ServiceViews.ServiceList;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.PageRequest;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.Public;
import org.amtsgang.rest.api.RestResource;
import org.amtsgang.rest.api.SharedCache;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/services}: the online services, for everyone. */
@Component(service = RestResource.class)
@Public
@SharedCache(CatalogComponent.AREA)
@Path("v1/services")
@Produces(MediaType.APPLICATION_JSON)
public final class ServicesResource implements RestResource {

    static final int MAX_QUERY_LENGTH = 200;

    private final CatalogSnapshots catalog;

    @Activate
    public ServicesResource(@Reference CatalogSnapshots catalog) {
        this.catalog = catalog;
    }

    @GET
    @ApiOperation(
            summary = "List the available services, filtered by office and free text",
            returns = ServiceList.class)
    public Response list(
            @QueryParam("office") String office,
            @QueryParam("q") String text,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CatalogSnapshot snapshot = catalog.snapshot();
        PageRequest paging = PageRequest.of(page, size, 20, 100);
        if (text != null && text.length() > MAX_QUERY_LENGTH) {
            throw ProblemException.badRequest(
                    "Query parameter 'q' must be at most " + MAX_QUERY_LENGTH + " characters long.");
        }
        String officeId = office == null || office.isBlank() ? null : office.trim();
        if (officeId != null && snapshot.office(officeId).isEmpty()) {
            throw ProblemException.badRequest(
                    "Query parameter 'office': there is no office '" + officeId + "'; see /api/v1/offices.");
        }
        return CatalogCaching.respond(
                ifNoneMatch,
                snapshot,
                () -> ServiceList.of(snapshot.search(new ServiceQuery(officeId, text, paging.page(), paging.size()))));
    }

    @GET
    @Path("{id}")
    @ApiOperation(summary = "One service with its application form (JSON Schema)", returns = ServiceDetail.class)
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CatalogSnapshot snapshot = catalog.snapshot();
        ServiceDetail detail = snapshot.find(id)
                .map(ServiceDetail::of)
                .orElseThrow(() -> ProblemException.notFound("There is no service '" + id + "'."));
        return CatalogCaching.respond(ifNoneMatch, snapshot, () -> detail);
    }
}
