package org.amtsgang.payment.api.spi;

/**
 * The provider's answer when asked about a session.
 *
 * @param outcome where the session stands
 * @param method the method used, if known
 * @param amountCents the amount captured (0 unless paid)
 * @param refundedCents how much it paid back so far
 */
public record ProviderStatus(ProviderOutcome outcome, String method, long amountCents, long refundedCents) {}
