package org.amtsgang.payment.api.dto;

/**
 * A request to pay a case's fee.
 *
 * @param caseId the case whose outstanding fee is paid
 * @param provider the provider's id, or {@code null} for the configured default
 * @param method the payment method offered by the provider (e.g. {@code card}), or {@code null} to choose on its page
 * @param returnUrl where the provider sends the payer back to, or {@code null} for the portal
 */
public record NewPayment(String caseId, String provider, String method, String returnUrl) {}
