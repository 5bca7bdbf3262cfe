package org.amtsgang.catalog.internal;

import java.util.function.Supplier;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.Response;

/**
 * Lets clients revalidate catalogue reads cheaply: every answer carries an ETag naming the
 * catalogue revision it was built from, and a matching {@code If-None-Match} gets 304.
 */
final class CatalogCaching {

    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    private CatalogCaching() {}

    /**
     * @param ifNoneMatch the request's If-None-Match header, or null; read as a plain header rather
     *     than through an injected {@code Request}, which costs every request several objects
     */
    static Response respond(String ifNoneMatch, CatalogSnapshot snapshot, Supplier<?> body) {
        EntityTag tag = new EntityTag("catalog-" + snapshot.revision(), true);
        if (ifNoneMatch != null && matches(ifNoneMatch, tag)) {
            return Response.notModified(tag).cacheControl(REVALIDATE).build();
        }
        return Response.ok(body.get()).tag(tag).cacheControl(REVALIDATE).build();
    }

    // RFC 9110: weak comparison; a list of tags, or *
    private static boolean matches(String header, EntityTag tag) {
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || value.replaceFirst("^W/", "").equals("\"" + tag.getValue() + "\"")) {
                return true;
            }
        }
        return false;
    }
}
