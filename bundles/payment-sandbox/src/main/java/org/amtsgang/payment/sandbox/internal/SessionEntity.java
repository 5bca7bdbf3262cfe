package org.amtsgang.payment.sandbox.internal;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A payment session as stored. Private to the sandbox; the rest of the bundle sees {@link Session}. */
@Entity
@Table(name = "SANDBOX_SESSION")
public class SessionEntity {

    @Id
    @Column(name = "REFERENCE")
    String reference;

    @Column(name = "PAYMENT_ID")
    String paymentId;

    @Column(name = "AMOUNT_CENTS")
    long amountCents;

    @Column(name = "PURPOSE")
    String purpose;

    @Column(name = "METHOD")
    String method;

    @Column(name = "RETURN_URL")
    String returnUrl;

    @Column(name = "OUTCOME")
    String outcome;

    @Column(name = "REFUNDED_CENTS")
    long refundedCents;

    @Column(name = "CREATED_AT")
    long createdAt;

    @Column(name = "UPDATED_AT")
    long updatedAt;

    // optimistic locking: of two payers' clicks on one session only one can decide it
    @Version
    @Column(name = "VERSION")
    long version;

    public SessionEntity() {}
}
