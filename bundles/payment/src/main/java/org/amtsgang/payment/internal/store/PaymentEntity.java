package org.amtsgang.payment.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQueries;
import javax.persistence.NamedQuery;
import javax.persistence.QueryHint;
import javax.persistence.Table;
import javax.persistence.Version;

/** A payment; private to the payment area, which hands out {@code PaymentView}s. */
@Entity
@Table(name = "PAYMENT_PAYMENT")
// The row-locking reads of a change (SELECT ... FOR UPDATE), named and locked by EclipseLink's hint
// so that they are prepared once: a locking read given JPA's lock mode (em.find with one, a query's
// setLockMode, even a named query's lockMode) had its SQL generated anew at every call, 9 % of a
// notification's CPU. They never flush first: the store decides when that is needed.
@NamedQueries({
    @NamedQuery(
            name = PaymentEntity.LOCK,
            query = "SELECT p FROM PaymentEntity p WHERE p.id = :id",
            hints = {
                @QueryHint(name = "eclipselink.pessimistic-lock", value = "Lock"),
                @QueryHint(name = "eclipselink.flush", value = "false")
            }),
    @NamedQuery(
            name = PaymentEntity.LOCK_OTHERS_OF_CASE,
            query = "SELECT p FROM PaymentEntity p WHERE p.caseId = :case AND p.id <> :id",
            hints = {
                @QueryHint(name = "eclipselink.pessimistic-lock", value = "Lock"),
                @QueryHint(name = "eclipselink.flush", value = "false")
            })
})
public class PaymentEntity {

    /** The payment {@code :id}, locked for writing. */
    static final String LOCK = "PaymentEntity.lock";

    /** The other payments of case {@code :case} than {@code :id}, locked for writing. */
    static final String LOCK_OTHERS_OF_CASE = "PaymentEntity.lockOthersOfCase";

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
