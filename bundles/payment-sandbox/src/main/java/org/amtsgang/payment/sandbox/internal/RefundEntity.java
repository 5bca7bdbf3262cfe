package org.amtsgang.payment.sandbox.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A refund taken, keyed by the platform's refund id so that a repeat is recognised. */
@Entity
@Table(name = "SANDBOX_REFUND")
public class RefundEntity {

    @Id
    @Column(name = "REFUND_ID")
    String refundId;

    @Column(name = "REFERENCE")
    String reference;

    @Column(name = "AMOUNT_CENTS")
    long amountCents;

    @Column(name = "CREATED_AT")
    long createdAt;

    public RefundEntity() {}
}
