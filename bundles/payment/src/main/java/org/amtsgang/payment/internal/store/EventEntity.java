package org.amtsgang.payment.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One thing that happened to a payment. */
@Entity
@Table(name = "PAYMENT_EVENT")
public class EventEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "PAYMENT_ID")
    public String paymentId;

    @Column(name = "AT_MILLIS")
    public long atMillis;

    @Column(name = "TYPE")
    public String type;

    @Column(name = "FROM_STATE")
    public String fromState;

    @Column(name = "TO_STATE")
    public String toState;

    @Column(name = "SOURCE")
    public String source;

    @Column(name = "DETAIL")
    public String detail;
}
