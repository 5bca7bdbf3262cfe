package org.amtsgang.notification.api;

import org.osgi.annotation.versioning.ProviderType;

/** Sends e-mail. */
@ProviderType
public interface Mailer {

    /**
     * Hands the mail over for sending and returns at once, so that no request waits for a mail
     * server. Failed deliveries are retried and then logged; they never reach the caller.
     */
    void send(Mail mail);

    /**
     * Sends the mail now and returns once the mail server has accepted it, for callers that keep
     * their own outbox and retry. The id becomes the mail's Message-ID, so that a mail sent again
     * after a crash is recognisably the same one.
     *
     * @param messageId a stable, unique id for this mail (letters, digits, {@code -} and {@code .})
     * @throws MailException if the server refused the mail or could not be reached
     */
    void sendNow(Mail mail, String messageId);

    /**
     * Whether {@link #sendNow} with an id sent before delivers nothing new (true when mail is
     * written to a pickup folder under its id): outboxes then need not record each mail as sent
     * before the next, only the batch. False for a mail server, which takes a repeated mail as a
     * new one.
     */
    default boolean repeatsAreHarmless() {
        return false;
    }

    /**
     * Makes every mail {@link #sendNow} has taken so far durable (a pickup folder's files are
     * synced to disk). An outbox that records a whole batch as sent calls it first; a crash then
     * loses no mail recorded as sent. Nothing to do for a mail server, which has each mail once
     * {@link #sendNow} returns.
     *
     * @throws MailException if the mails could not be made durable: the batch is not sent yet
     */
    default void flush() {}
}
