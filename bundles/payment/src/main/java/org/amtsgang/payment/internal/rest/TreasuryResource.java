package org.amtsgang.payment.internal.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.payment.api.Payments;
import org.amtsgang.payment.api.dto.BookingExport;
import org.amtsgang.payment.internal.treasury.BookingCsv;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.OperatorAccess;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code /api/v1/treasury}: the daily booking export for the city treasury (operators). */
@Component(service = RestResource.class)
@OperatorAccess
@Path("v1/treasury")
public final class TreasuryResource implements RestResource {

    private final Payments payments;

    @Activate
    public TreasuryResource(@Reference Payments payments) {
        this.payments = payments;
    }

    @GET
    @Path("bookings/{day}")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @ApiOperation(
            summary = "The bookings of one day (Europe/Berlin) with totals per Haushaltsstelle; CSV with format=csv or"
                    + " Accept: text/csv",
            returns = BookingExport.class)
    public Response bookings(
            @PathParam("day") String day,
            @QueryParam("format") String format,
            @Context javax.ws.rs.core.HttpHeaders headers,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        LocalDate date;
        try {
            date = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("The day is written YYYY-MM-DD, e.g. 2026-11-27; was '" + day + "'.");
        }
        BookingExport export = PaymentProblems.call(() -> payments.bookings(caller, date));
        boolean csv = "csv".equals(format)
                || (format == null
                        && headers.getAcceptableMediaTypes().stream()
                                .anyMatch(m -> "text".equals(m.getType()) && "csv".equals(m.getSubtype())));
        if (csv) {
            return Response.ok(BookingCsv.of(export), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"buchungen-" + date + ".csv\"")
                    .build();
        }
        return Response.ok(export, MediaType.APPLICATION_JSON).build();
    }
}
