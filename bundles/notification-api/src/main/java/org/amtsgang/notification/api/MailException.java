package org.amtsgang.notification.api;

/** A mail could not be handed to the mail server; the caller may try again later. */
public class MailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
