package org.amtsgang.payment.api.spi;

/** A notification that is not the provider's: a bad or missing signature, or unreadable. */
public class InvalidNotificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidNotificationException(String message) {
        super(message);
    }
}
