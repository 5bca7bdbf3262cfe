package org.amtsgang.payment.api.spi;

/**
 * What a provider needs to open a session.
 *
 * @param paymentId the platform's payment id; the provider's notifications name it
 * @param amountCents the amount in euro cents
 * @param purpose the Verwendungszweck
 * @param haushaltsstelle the budget position, for providers that pass booking data on (ePayBL)
 * @param objektnummer the object number
 * @param method the method the payer chose, or {@code null} to choose on the provider's page
 * @param returnUrl where to send the payer back to
 */
public record ProviderRequest(
        String paymentId,
        long amountCents,
        String purpose,
        String haushaltsstelle,
        String objektnummer,
        String method,
        String returnUrl) {}
