package org.amtsgang.payment.api.spi;

/** What a provider says about a payment session. */
public enum ProviderOutcome {
    /** Still open: the payer has not finished. */
    OPEN,
    /** Authorised, not captured yet. */
    AUTHORISED,
    /** Paid. */
    SUCCEEDED,
    /** Not paid: refused or failed. */
    FAILED,
    /** The payer cancelled. */
    CANCELLED
}
