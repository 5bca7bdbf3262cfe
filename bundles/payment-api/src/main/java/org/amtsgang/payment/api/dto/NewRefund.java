package org.amtsgang.payment.api.dto;

/**
 * A refund asked for by staff.
 *
 * @param amountCents how much to pay back, in euro cents
 * @param reason why, for the payer and the treasury
 */
public record NewRefund(long amountCents, String reason) {}
