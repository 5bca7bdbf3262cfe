package org.amtsgang.payment.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** One booking for the treasury; its id keeps it from being booked twice. */
@Entity
@Table(name = "PAYMENT_BOOKING")
public class BookingEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "PAYMENT_ID")
    public String paymentId;

    @Column(name = "CASE_ID")
    public String caseId;

    @Column(name = "SERVICE_ID")
    public String serviceId;

    @Column(name = "HAUSHALTSSTELLE")
    public String haushaltsstelle;

    @Column(name = "OBJEKTNUMMER")
    public String objektnummer;

    @Column(name = "AMOUNT_CENTS")
    public long amountCents;

    @Column(name = "PURPOSE")
    public String purpose;

    @Column(name = "PROVIDER")
    public String provider;

    @Column(name = "PROVIDER_REF")
    public String providerRef;

    @Column(name = "BOOKED_AT")
    public long bookedAt;
}
