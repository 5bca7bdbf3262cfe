package org.amtsgang.payment.internal.rest;

import java.util.List;
import org.amtsgang.payment.api.dto.PaymentPage;
import org.amtsgang.payment.api.dto.PaymentView;

/** The JSON bodies of the payment endpoints. */
final class PaymentJson {

    private PaymentJson() {}

    /** What a payer asks to pay: the case, optionally the provider, method and return address. */
    record NewPaymentBody(String caseId, String provider, String method, String returnUrl) {}

    /** A refund: the amount, the reason, and the refundable amount the caller saw. */
    record RefundBody(Long amountCents, String reason, Long expectedRefundableCents) {}

    /** A payment as an office sees it: with what may still be paid back. */
    record OfficePayment(PaymentView payment, long refundableCents) {}

    /** A page of payments. */
    record Page(List<PaymentView> items, int page, int size, long total) {

        static Page of(PaymentPage page) {
            return new Page(page.items(), page.page(), page.size(), page.total());
        }
    }

    static <T> T required(T body) {
        if (body == null) {
            throw org.amtsgang.rest.api.ProblemException.badRequest("This request needs a JSON body.");
        }
        return body;
    }
}
