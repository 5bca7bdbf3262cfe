package org.amtsgang.payment.api.dto;

/**
 * A payment's state inside the platform, finer than what ePayBL and XBezahldienste report (see
 * {@link #external()}), in the manner of GOV.UK Pay.
 */
public enum PaymentState {
    /** Recorded; the provider has not been asked yet. */
    CREATED(ExternalState.INITIAL, 0),
    /** The provider opened a session; the payer is on its page. */
    STARTED(ExternalState.INITIAL, 1),
    /** The provider authorised the payment; it is not captured yet. */
    AUTHORISED(ExternalState.INITIAL, 2),
    /** Paid. */
    SUCCEEDED(ExternalState.PAYED, 3),
    /** The provider refused or the payer failed to pay. */
    FAILED(ExternalState.FAILED, 3),
    /** The payer or the platform gave up. */
    CANCELLED(ExternalState.CANCELED, 3),
    /** Not finished in time. */
    EXPIRED(ExternalState.FAILED, 3),
    /** Paid; a refund is asked of the provider. */
    REFUND_PENDING(ExternalState.PAYED, 4),
    /** Paid; part of it paid back. */
    PARTIALLY_REFUNDED(ExternalState.PAYED, 4),
    /** Paid and fully paid back. */
    REFUNDED(ExternalState.PAYED, 5);

    private final ExternalState external;
    private final int rank;

    PaymentState(ExternalState external, int rank) {
        this.external = external;
        this.rank = rank;
    }

    /** The XBezahldienste state reported outward. */
    public ExternalState external() {
        return external;
    }

    /** Whether the payment has an outcome (paid, failed, cancelled or expired). */
    public boolean finished() {
        return rank >= 3;
    }

    /** Whether the money arrived (whatever was refunded since). */
    public boolean paid() {
        return external == ExternalState.PAYED;
    }

    /**
     * How far along the payment is; a notification never moves a payment to a lower rank, so that
     * late or reordered ones change nothing.
     */
    public int rank() {
        return rank;
    }
}
