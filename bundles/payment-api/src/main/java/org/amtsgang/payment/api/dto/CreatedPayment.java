package org.amtsgang.payment.api.dto;

/**
 * The answer to starting a payment.
 *
 * @param payment the payment
 * @param replayed whether an earlier request with the same idempotency key created it
 */
public record CreatedPayment(PaymentView payment, boolean replayed) {}
