package org.amtsgang.payment.api;

import java.time.LocalDate;
import java.util.List;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.payment.api.dto.BookingExport;
import org.amtsgang.payment.api.dto.CreatedPayment;
import org.amtsgang.payment.api.dto.NewPayment;
import org.amtsgang.payment.api.dto.NewRefund;
import org.amtsgang.payment.api.dto.PaymentEvent;
import org.amtsgang.payment.api.dto.PaymentPage;
import org.amtsgang.payment.api.dto.PaymentQuery;
import org.amtsgang.payment.api.dto.PaymentView;
import org.amtsgang.payment.api.dto.ProviderInfo;
import org.amtsgang.payment.api.dto.Receipt;
import org.amtsgang.payment.api.dto.ReconcileReport;
import org.amtsgang.payment.api.dto.RefundView;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Payments of the fees of cases. Every method acting for a {@link Caller} checks that the payment is
 * theirs: the payer's own, or, for staff, one of their office's. Failures are {@link
 * PaymentException}s saying why.
 */
@ProviderType
public interface Payments {

    /**
     * Starts paying the outstanding fee of the caller's case with a provider. The idempotency key
     * makes a repeated request return the payment the first one created; the same key with another
     * request is refused.
     */
    CreatedPayment create(Caller payer, NewPayment payment, String idempotencyKey);

    /** One payment, if it is the caller's to see. */
    PaymentView get(Caller caller, String paymentId);

    /** What happened to a payment, oldest first. */
    List<PaymentEvent> events(Caller caller, String paymentId);

    /** The caller's own payments, newest first. */
    PaymentPage mine(Caller payer, int page, int size);

    /** Payments of an office (staff), or of all offices (operators), newest first. */
    PaymentPage search(Caller caller, PaymentQuery query);

    /** The payer gives up an unfinished payment, e.g. to pay by another method. */
    PaymentView cancel(Caller payer, String paymentId);

    /**
     * How much of a payment staff may pay back now: what the service's refund rule allows for the
     * case's outcome (withdrawn or rejected), less what was paid back already; 0 otherwise.
     */
    long refundable(Caller staff, String paymentId);

    /**
     * Pays back part or all of a payment of a rejected or withdrawn case, as far as the service's
     * refund rule allows. {@code expectedRefundableCents} is what the caller saw as still refundable;
     * if it changed meanwhile the refund is refused as {@link PaymentException.Reason#STALE}.
     */
    RefundView refund(Caller staff, String paymentId, NewRefund refund, long expectedRefundableCents);

    /**
     * A notification from a provider, as it arrived: verified by the provider, then applied once.
     * Repeats and replays change nothing.
     *
     * @return the payment as it is now
     * @throws PaymentException {@link PaymentException.Reason#BAD_SIGNATURE} if it does not verify
     */
    PaymentView notify(String providerId, byte[] body, java.util.Map<String, String> headers);

    /**
     * Asks the providers for the truth about unfinished payments and applies it. For all payments
     * ({@code null}) it also files receipts of paid fees that nobody asked for yet, a batch at a time.
     */
    ReconcileReport reconcile(String paymentIdOrNull);

    /** Ends payments not finished in time. */
    int expireOverdue();

    /** The treasury's bookings of one day (Europe/Berlin), with totals per Haushaltsstelle. */
    BookingExport bookings(Caller operatorOrStaff, LocalDate day);

    /** A receipt (Quittung) of a paid payment, as PDF, for its payer or its office. */
    Receipt receipt(Caller caller, String paymentId);

    /** The providers a payer can choose now. */
    List<ProviderInfo> providers();
}
