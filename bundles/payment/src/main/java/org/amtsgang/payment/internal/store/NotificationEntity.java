package org.amtsgang.payment.internal.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A provider notification that was applied; its key turns a repeat away. */
@Entity
@Table(name = "PAYMENT_NOTIFICATION")
public class NotificationEntity {

    /** {@code <provider>:<event id>}: event ids are unique per provider only. */
    @Id
    @Column(name = "ID")
    public String id;

    @Column(name = "PAYMENT_ID")
    public String paymentId;

    @Column(name = "OUTCOME")
    public String outcome;

    @Column(name = "RECEIVED_AT")
    public long receivedAt;

    static String key(String provider, String eventId) {
        return provider + ":" + eventId;
    }
}
