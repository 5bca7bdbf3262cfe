package org.amtsgang.payment.api.spi;

import java.time.Instant;

/**
 * A verified notification from a provider.
 *
 * @param eventId the provider's unique id of this notification; a repeat carries the same id
 * @param paymentId the platform's payment id it concerns
 * @param reference the provider's reference of the session
 * @param outcome what the provider says
 * @param method the method the payer used, if known
 * @param amountCents the amount the provider handled
 * @param occurredAt when it happened at the provider
 */
public record ProviderNotification(
        String eventId,
        String paymentId,
        String reference,
        ProviderOutcome outcome,
        String method,
        long amountCents,
        Instant occurredAt) {}
