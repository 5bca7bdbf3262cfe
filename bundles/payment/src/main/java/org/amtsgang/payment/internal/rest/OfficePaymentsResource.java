package org.amtsgang.payment.internal.rest;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
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
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.payment.api.Payments;
import org.amtsgang.payment.api.dto.NewRefund;
import org.amtsgang.payment.api.dto.PaymentEvent;
import org.amtsgang.payment.api.dto.PaymentQuery;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.dto.PaymentView;
import org.amtsgang.payment.api.dto.RefundView;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.PageRequest;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.RestResource;
import org.amtsgang.rest.api.StaffAccess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/offices/{office}/payments}: an office's staff see the payments of its cases and
 * pay back fees of withdrawn or rejected applications; another office's payment answers 404.
 */
@Component(service = RestResource.class)
@StaffAccess
@Path("v1/offices/{office}/payments")
@Produces(MediaType.APPLICATION_JSON)
public final class OfficePaymentsResource implements RestResource {

    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 200;

    private final Payments payments;

    @Activate
    public OfficePaymentsResource(@Reference Payments payments) {
        this.payments = payments;
    }

    @GET
    @ApiOperation(
            summary =
                    "The office's payments, newest first; filter by state, provider, caseId, from and to (ISO instants)",
            returns = PaymentJson.Page.class)
    public PaymentJson.Page search(
            @PathParam("office") String office,
            @QueryParam("state") String state,
            @QueryParam("provider") String provider,
            @QueryParam("caseId") String caseId,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        PageRequest paging = PageRequest.of(page, size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        PaymentQuery query = new PaymentQuery(
                office,
                state(state),
                blankToNull(provider),
                blankToNull(caseId),
                instant("from", from),
                instant("to", to),
                paging.page(),
                paging.size());
        return PaymentJson.Page.of(PaymentProblems.call(() -> payments.search(caller, query)));
    }

    @GET
    @Path("{id}")
    @ApiOperation(
            summary = "One payment of the office, with the amount that may still be paid back",
            returns = PaymentJson.OfficePayment.class)
    public PaymentJson.OfficePayment get(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        PaymentView view = ofOffice(caller, office, id);
        return new PaymentJson.OfficePayment(view, PaymentProblems.call(() -> payments.refundable(caller, id)));
    }

    @GET
    @Path("{id}/events")
    @ApiOperation(summary = "What happened to the payment, oldest first", returns = PaymentEvent.class)
    public List<PaymentEvent> events(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return PaymentProblems.call(() -> payments.events(caller, id));
    }

    @GET
    @Path("{id}/receipt")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @ApiOperation(summary = "The receipt (Quittung) of a paid payment, as PDF")
    public Response receipt(
            @PathParam("office") String office, @PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        ofOffice(caller, office, id);
        return PaymentsResource.pdf(PaymentProblems.call(() -> payments.receipt(caller, id)));
    }

    @POST
    @Path("{id}/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Pay back part or all of the fee of a withdrawn or rejected application; expectedRefundableCents"
                    + " is the refundableCents read before (412 if it changed)",
            returns = RefundView.class)
    public Response refund(
            @PathParam("office") String office,
            @PathParam("id") String id,
            PaymentJson.RefundBody body,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        PaymentJson.RefundBody b = PaymentJson.required(body);
        if (b.expectedRefundableCents() == null) {
            throw new ProblemException(
                    428, "Precondition required", "Send expectedRefundableCents: the refundableCents you read.");
        }
        if (b.amountCents() == null) {
            throw ProblemException.badRequest("Name the amount to pay back in cents (amountCents).");
        }
        ofOffice(caller, office, id);
        RefundView refund = PaymentProblems.call(() ->
                payments.refund(caller, id, new NewRefund(b.amountCents(), b.reason()), b.expectedRefundableCents()));
        return Response.created(URI.create("payments/" + id + "/refunds/" + refund.id()))
                .entity(refund)
                .build();
    }

    /** The payment, if it belongs to the office in the path (else 404, as if it did not exist). */
    private PaymentView ofOffice(Caller caller, String office, String id) {
        PaymentView view = PaymentProblems.call(() -> payments.get(caller, id));
        if (!view.officeId().equals(office)) {
            throw ProblemException.notFound("The office " + office + " has no payment '" + id + "'.");
        }
        return view;
    }

    private static PaymentState state(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return PaymentState.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("Query parameter 'state' must be one of "
                    + java.util.Arrays.toString(PaymentState.values()) + ", was '" + value + "'.");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Query parameter '" + name
                    + "' must be an ISO instant such as 2026-11-27T00:00:00Z, was '" + value + "'.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
