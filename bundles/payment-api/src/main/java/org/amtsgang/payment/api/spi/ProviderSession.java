package org.amtsgang.payment.api.spi;

/**
 * An opened payment session.
 *
 * @param reference the provider's reference for it
 * @param redirectUrl the provider's page where the payer pays
 */
public record ProviderSession(String reference, String redirectUrl) {}
