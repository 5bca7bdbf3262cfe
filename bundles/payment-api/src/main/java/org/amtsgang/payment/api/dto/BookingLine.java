package org.amtsgang.payment.api.dto;

import java.time.Instant;

/**
 * One booking for the treasury: money in (a payment) or out (a refund, negative).
 *
 * @param id the booking's id, unique; a payment is booked at most once, each refund once
 * @param paymentId the payment
 * @param caseId its case
 * @param serviceId its service
 * @param booking Haushaltsstelle and Objektnummer
 * @param amountCents euro cents; negative for refunds
 * @param purpose the Verwendungszweck
 * @param provider the provider
 * @param providerReference the provider's reference
 * @param bookedAt when
 */
public record BookingLine(
        String id,
        String paymentId,
        String caseId,
        String serviceId,
        Booking booking,
        long amountCents,
        String purpose,
        String provider,
        String providerReference,
        Instant bookedAt) {}
