package org.amtsgang.catalog.internal;

import java.util.function.Supplier;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;

/**
 * Lets clients revalidate catalogue reads cheaply: every answer carries an ETag naming the
 * catalogue revision it was built from, and a matching {@code If-None-Match} gets 304.
 */
final class CatalogCaching {

    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    private CatalogCaching() {}

    static Response respond(Request request, CatalogSnapshot snapshot, Supplier<?> body) {
        EntityTag tag = new EntityTag("catalog-" + snapshot.revision(), true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(REVALIDATE).build();
        }
        return Response.ok(body.get()).tag(tag).cacheControl(REVALIDATE).build();
    }
}
