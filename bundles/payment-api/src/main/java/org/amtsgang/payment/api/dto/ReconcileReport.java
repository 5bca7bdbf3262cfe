package org.amtsgang.payment.api.dto;

/**
 * What a reconciliation run did.
 *
 * @param checked unfinished payments asked about
 * @param changed those whose state changed by the provider's answer
 * @param unreachable those whose provider is not there or did not answer
 */
public record ReconcileReport(int checked, int changed, int unreachable) {}
