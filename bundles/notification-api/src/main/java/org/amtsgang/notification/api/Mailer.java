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
}
