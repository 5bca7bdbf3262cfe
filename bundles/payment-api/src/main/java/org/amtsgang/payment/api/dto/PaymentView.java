package org.amtsgang.payment.api.dto;

import java.time.Instant;

/**
 * A payment as its payer, its office or an operator sees it.
 *
 * @param id the payment's id
 * @param caseId the case it pays for
 * @param serviceId the case's service
 * @param officeId the case's office
 * @param payer the payer's subject
 * @param amountCents the amount, in euro cents
 * @param refundedCents how much was paid back so far
 * @param purpose the Verwendungszweck shown on statements
 * @param booking where the treasury books it
 * @param provider the provider's id
 * @param providerReference the provider's reference, once it has one
 * @param method the payment method used, once known
 * @param state the state inside the platform
 * @param externalState the XBezahldienste state
 * @param finished whether the payment has an outcome
 * @param nextUrl where the payer goes to pay, while the payment is open
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param version increases with every change; refunds name what they saw
 */
public record PaymentView(
        String id,
        String caseId,
        String serviceId,
        String officeId,
        String payer,
        long amountCents,
        long refundedCents,
        String purpose,
        Booking booking,
        String provider,
        String providerReference,
        String method,
        PaymentState state,
        ExternalState externalState,
        boolean finished,
        String nextUrl,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    /** How much could still be paid back, before the service's refund rule is applied. */
    public long unrefundedCents() {
        return state.paid() ? amountCents - refundedCents : 0;
    }
}
