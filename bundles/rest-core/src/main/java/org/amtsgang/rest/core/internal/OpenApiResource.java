package org.amtsgang.rest.core.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Public;
import org.amtsgang.rest.api.SharedCache;

/** Serves the OpenAPI document of the resources the endpoint serves at this moment. */
@Path("openapi.json")
@SharedCache(OpenApiResource.AREA)
public final class OpenApiResource {

    static final String AREA = "openapi";

    private final Map<String, Object> document;

    OpenApiResource(Supplier<List<Class<?>>> resourceClasses, String version) {
        // the endpoint is rebuilt whenever its resources change, so the document is built once per build
        List<Class<?>> classes = new java.util.ArrayList<>(resourceClasses.get());
        classes.add(OpenApiResource.class);
        this.document = OpenApiDocument.of(classes, version);
    }

    @GET
    @Public
    @Produces(MediaType.APPLICATION_JSON)
    @ApiOperation(summary = "This document: the platform's HTTP API as it is served right now", returns = Map.class)
    public Map<String, Object> document() {
        return document;
    }
}
