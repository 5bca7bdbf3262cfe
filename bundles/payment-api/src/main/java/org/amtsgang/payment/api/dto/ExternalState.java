package org.amtsgang.payment.api.dto;

/** The payment states of XBezahldienste (ePayBL), as reported to the outside. */
public enum ExternalState {
    /** Not finished yet. */
    INITIAL,
    /** Paid (the spelling is the standard's). */
    PAYED,
    /** Failed or expired. */
    FAILED,
    /** Cancelled. */
    CANCELED
}
