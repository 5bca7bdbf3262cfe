package org.amtsgang.payment.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A refund staff asked for; pending until the provider paid it back. */
@Entity
@Table(name = "PAYMENT_REFUND")
public class RefundEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "PAYMENT_ID")
    public String paymentId;

    @Column(name = "AMOUNT_CENTS")
    public long amountCents;

    @Column(name = "REASON")
    public String reason;

    @Column(name = "REQUESTED_BY")
    public String requestedBy;

    @Column(name = "AT_MILLIS")
    public long atMillis;

    @Column(name = "SUCCEEDED")
    public int succeeded;
}
