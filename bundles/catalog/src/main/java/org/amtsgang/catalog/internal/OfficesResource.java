package org.amtsgang.catalog.internal;

import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.amtsgang.catalog.api.dto.Contact;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.Office;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.Public;
import org.amtsgang.rest.api.RestResource;
import org.amtsgang.rest.api.SharedCache;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/offices}: the city's offices, for everyone. */
@Component(service = RestResource.class)
@Public
@SharedCache(CatalogComponent.AREA)
@Path("v1/offices")
@Produces(MediaType.APPLICATION_JSON)
public final class OfficesResource implements RestResource {

    private final CatalogSnapshots catalog;

    @Activate
    public OfficesResource(@Reference CatalogSnapshots catalog) {
        this.catalog = catalog;
    }

    /** An office with the number of services it offers online. */
    record OfficeView(String id, LocalizedText name, Contact contact, String openingHours, long serviceCount) {

        static OfficeView of(Office office, CatalogSnapshot snapshot) {
            return new OfficeView(
                    office.id(),
                    office.name(),
                    office.contact(),
                    office.openingHours(),
                    snapshot.serviceCount(office.id()));
        }
    }

    /** All offices. */
    record OfficeList(List<OfficeView> items) {}

    @GET
    @ApiOperation(summary = "List the city's offices", returns = OfficeList.class)
    public Response list(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CatalogSnapshot snapshot = catalog.snapshot();
        return CatalogCaching.respond(
                ifNoneMatch,
                snapshot,
                () -> new OfficeList(snapshot.offices().stream()
                        .map(o -> OfficeView.of(o, snapshot))
                        .toList()));
    }

    @GET
    @Path("{id}")
    @ApiOperation(summary = "One office", returns = OfficeView.class)
    public Response get(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CatalogSnapshot snapshot = catalog.snapshot();
        OfficeView office = snapshot.office(id)
                .map(o -> OfficeView.of(o, snapshot))
                .orElseThrow(() -> ProblemException.notFound("There is no office '" + id + "'."));
        return CatalogCaching.respond(ifNoneMatch, snapshot, () -> office);
    }
}
