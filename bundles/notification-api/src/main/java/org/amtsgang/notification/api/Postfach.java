package org.amtsgang.notification.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The citizen's portal inbox (Postfach): messages from the city's offices about their applications,
 * payments and documents. Messages are delivered with an id chosen by the sending area, so that an
 * outbox delivering the same message twice stores it once.
 */
@ProviderType
public interface Postfach {

    /**
     * Stores a message in its recipient's Postfach, unless a message with its id is there already.
     *
     * @return true if it was stored now, false if it had been delivered before
     */
    boolean deliver(PostfachMessage message);

    /**
     * Stores several messages in one transaction, skipping those delivered before: for outboxes,
     * which deliver in batches.
     *
     * @return how many were stored now
     */
    int deliverAll(List<PostfachMessage> messages);

    /** The recipient's messages, newest first. */
    PostfachPage inbox(String recipient, boolean unreadOnly, int page, int size);

    /** One of the recipient's messages; empty if there is none with this id for them. */
    Optional<PostfachMessage> message(String recipient, String messageId);

    /**
     * Marks one of the recipient's messages read.
     *
     * @return the message as it is now; empty if the recipient has none with this id
     */
    Optional<PostfachMessage> markRead(String recipient, String messageId);

    /** How many of the recipient's messages are unread. */
    long unread(String recipient);
}
