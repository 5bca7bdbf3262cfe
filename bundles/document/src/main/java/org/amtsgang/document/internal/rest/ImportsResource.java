package org.amtsgang.document.internal.rest;

import java.net.URI;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.document.api.BauaktenImports;
import org.amtsgang.document.api.dto.ImportJob;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.OperatorAccess;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.RestResource;
import org.amtsgang.rest.api.StaffAccess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/documents/imports}: Bauakten imports of folders dropped under the import directory,
 * for operators and staff of the building office (the service checks the office).
 */
@Component(service = RestResource.class)
@Path("v1/documents/imports")
@Produces(MediaType.APPLICATION_JSON)
public final class ImportsResource implements RestResource {

    /** A folder to import, by its name under the import directory. */
    record ImportBody(String folder) {}

    private final BauaktenImports imports;

    @Activate
    public ImportsResource(@Reference BauaktenImports imports) {
        this.imports = imports;
    }

    @POST
    @OperatorAccess
    @StaffAccess(officeParam = "")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Import a folder of scanned Bauakten (PDF, TIFF and metadata.csv) in the background;"
                    + " running it again imports nothing twice",
            returns = ImportJob.class)
    public Response start(ImportBody body, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ImportBody b = DocumentJson.required(body);
        if (b.folder() == null || b.folder().contains("/") || b.folder().contains("\\")) {
            throw ProblemException.badRequest("folder: a plain folder name under the import directory.");
        }
        ImportJob job = DocumentProblems.call(() -> imports.start(caller, b.folder()));
        return Response.accepted(job)
                .location(URI.create("documents/imports/" + job.id()))
                .build();
    }

    @GET
    @Path("{id}")
    @OperatorAccess
    @StaffAccess(officeParam = "")
    @ApiOperation(summary = "An import's progress, with the OCR of its files", returns = ImportJob.class)
    public ImportJob job(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return DocumentProblems.call(() -> imports.job(caller, id));
    }
}
