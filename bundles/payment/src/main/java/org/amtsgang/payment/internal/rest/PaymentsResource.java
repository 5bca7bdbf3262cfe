package org.amtsgang.payment.internal.rest;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.payment.api.Payments;
import org.amtsgang.payment.api.dto.CreatedPayment;
import org.amtsgang.payment.api.dto.NewPayment;
import org.amtsgang.payment.api.dto.PaymentEvent;
import org.amtsgang.payment.api.dto.PaymentView;
import org.amtsgang.payment.api.dto.ProviderInfo;
import org.amtsgang.payment.api.dto.Receipt;
import org.amtsgang.rest.api.ApiOperation;
import org.amtsgang.rest.api.Callers;
import org.amtsgang.rest.api.CitizenAccess;
import org.amtsgang.rest.api.MaxBodySize;
import org.amtsgang.rest.api.PageRequest;
import org.amtsgang.rest.api.ProblemException;
import org.amtsgang.rest.api.Public;
import org.amtsgang.rest.api.RestResource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/v1/payments}: a citizen pays the fees of their own cases and sees only their own
 * payments; providers deliver their signed notifications here.
 */
@Component(service = RestResource.class)
@Path("v1/payments")
@Produces(MediaType.APPLICATION_JSON)
public final class PaymentsResource implements RestResource {

    /** Notifications are small; anything larger is not from a provider. */
    static final long MAX_NOTIFICATION = 64 * 1024;

    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;

    private final Payments payments;

    @Activate
    public PaymentsResource(@Reference Payments payments) {
        this.payments = payments;
    }

    @GET
    @CitizenAccess
    @ApiOperation(summary = "The caller's payments, newest first", returns = PaymentJson.Page.class)
    public PaymentJson.Page mine(
            @QueryParam("page") String page, @QueryParam("size") String size, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        PageRequest request = PageRequest.of(page, size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        return PaymentJson.Page.of(PaymentProblems.call(() -> payments.mine(caller, request.page(), request.size())));
    }

    @POST
    @CitizenAccess
    @Consumes(MediaType.APPLICATION_JSON)
    @ApiOperation(
            summary = "Pay the fee of one of the caller's cases; the answer's nextUrl is the provider's payment page."
                    + " Repeat with the same Idempotency-Key to get the same payment",
            returns = PaymentView.class)
    public Response create(
            PaymentJson.NewPaymentBody body,
            @HeaderParam("Idempotency-Key") String key,
            @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        PaymentJson.NewPaymentBody b = PaymentJson.required(body);
        CreatedPayment created = PaymentProblems.call(() ->
                payments.create(caller, new NewPayment(b.caseId(), b.provider(), b.method(), b.returnUrl()), key));
        PaymentView view = created.payment();
        Response.ResponseBuilder response = created.replayed()
                ? Response.ok().header("Idempotent-Replayed", "true")
                : Response.created(URI.create("payments/" + view.id()));
        return response.entity(view).build();
    }

    @GET
    @Path("providers")
    @Public
    @ApiOperation(summary = "The payment providers and methods available now", returns = ProviderInfo.class)
    public List<ProviderInfo> providers() {
        return payments.providers();
    }

    @GET
    @Path("{id}")
    @CitizenAccess
    @ApiOperation(summary = "One of the caller's payments", returns = PaymentView.class)
    public PaymentView get(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return PaymentProblems.call(() -> payments.get(caller, id));
    }

    @GET
    @Path("{id}/events")
    @CitizenAccess
    @ApiOperation(summary = "What happened to one of the caller's payments, oldest first", returns = PaymentEvent.class)
    public List<PaymentEvent> events(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return PaymentProblems.call(() -> payments.events(caller, id));
    }

    @POST
    @Path("{id}/cancel")
    @CitizenAccess
    @ApiOperation(summary = "Give up an unfinished payment, e.g. to pay another way", returns = PaymentView.class)
    public PaymentView cancel(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return PaymentProblems.call(() -> payments.cancel(caller, id));
    }

    @GET
    @Path("{id}/receipt")
    @CitizenAccess
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    @ApiOperation(summary = "The receipt (Quittung) of a paid payment, as PDF")
    public Response receipt(@PathParam("id") String id, @Context SecurityContext security) {
        Caller caller = Callers.required(security);
        return pdf(PaymentProblems.call(() -> payments.receipt(caller, id)));
    }

    static Response pdf(Receipt receipt) {
        return Response.ok(receipt.pdf(), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + receipt.fileName() + "\"")
                .build();
    }

    @POST
    @Path("callbacks/{provider}")
    @Public
    @Consumes(MediaType.WILDCARD)
    @MaxBodySize(MAX_NOTIFICATION)
    @ApiOperation(summary = "A payment provider's signed notification; answered 204 once applied (or if a repeat)")
    public Response callback(@PathParam("provider") String provider, byte[] body, @Context HttpHeaders httpHeaders) {
        if (provider == null || !provider.matches("[a-z0-9-]{1,40}")) {
            throw ProblemException.notFound("There is no payment provider '" + provider + "'.");
        }
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("A notification has a body.");
        }
        Map<String, String> headers = new HashMap<>();
        httpHeaders.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        PaymentProblems.call(() -> payments.notify(provider, body, headers));
        return Response.noContent().build();
    }
}
