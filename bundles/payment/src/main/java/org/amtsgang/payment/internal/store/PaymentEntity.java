package org.amtsgang.payment.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** A payment; private to the payment area, which hands out {@code PaymentView}s. */
@Entity
@Table(name = "PAYMENT_PAYMENT")
public class PaymentEntity {

    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "CASE_ID")
    public String caseId;

    @Column(name = "SERVICE_ID")
    public String serviceId;

    @Column(name = "OFFICE_ID")
    public String officeId;

    @Column(name = "PAYER")
    public String payer;

    @Column(name = "AMOUNT_CENTS")
    public long amountCents;

    @Column(name = "REFUNDED_CENTS")
    public long refundedCents;

    @Column(name = "PURPOSE")
    public String purpose;

    @Column(name = "HAUSHALTSSTELLE")
    public String haushaltsstelle;

    @Column(name = "OBJEKTNUMMER")
    public String objektnummer;

    @Column(name = "PROVIDER")
    public String provider;

    @Column(name = "PROVIDER_REF")
    public String providerRef;

    @Column(name = "NEXT_URL")
    public String nextUrl;

    @Column(name = "METHOD")
    public String method;

    @Column(name = "STATE")
    public String state;

    @Column(name = "OPEN_CASE_ID")
    public String openCaseId;

    @Column(name = "PAY_FIRST")
    public int payFirst;

    @Column(name = "IDEMPOTENCY_KEY")
    public String idempotencyKey;

    @Column(name = "REQUEST_HASH")
    public String requestHash;

    @Column(name = "CREATED_AT")
    public long createdAt;

    @Column(name = "UPDATED_AT")
    public long updatedAt;

    @Column(name = "FINISHED_AT")
    public Long finishedAt;

    /** The receipt filed in the document service, once it is. */
    @Column(name = "RECEIPT_DOCUMENT_ID")
    public String receiptDocumentId;

    @Version
    @Column(name = "VERSION")
    public long version;
}
