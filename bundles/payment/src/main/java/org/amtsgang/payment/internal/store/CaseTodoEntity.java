package org.amtsgang.payment.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A paid fee the case area has not been told of yet. */
@Entity
@Table(name = "PAYMENT_CASE_TODO")
public class CaseTodoEntity {

    @Id
    @Column(name = "PAYMENT_ID")
    public String paymentId;

    @Column(name = "CASE_ID")
    public String caseId;

    @Column(name = "AT_MILLIS")
    public long atMillis;
}
