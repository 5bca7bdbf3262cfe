package org.amtsgang.notification.internal.postfach;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A message in a citizen's Postfach. Private to the notification area; others see {@code PostfachMessage}. */
@Entity
@Table(name = "NOTIFICATION_POSTFACH")
public class PostfachEntity {

    /** Chosen by the sending area: what makes a second delivery recognisable. */
    @Id
    @Column(name = "ID")
    String id;

    @Column(name = "RECIPIENT")
    String recipient;

    @Column(name = "SENDER")
    String sender;

    @Column(name = "SUBJECT")
    String subject;

    @Column(name = "TEXT")
    String text;

    @Column(name = "REFERENCE")
    String reference;

    @Column(name = "SENT_AT_MILLIS")
    long sentAtMillis;

    /** Null while unread. */
    @Column(name = "READ_AT_MILLIS")
    Long readAtMillis;
}
