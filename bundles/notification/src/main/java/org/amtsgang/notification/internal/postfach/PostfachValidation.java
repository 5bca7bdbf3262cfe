package org.amtsgang.notification.internal.postfach;

import java.util.regex.Pattern;
import org.amtsgang.notification.api.PostfachMessage;

/** What the Postfach accepts: the limits are the columns' sizes. */
final class PostfachValidation {

    static final int MAX_ID = 100;
    static final int MAX_RECIPIENT = 100;
    static final int MAX_SENDER = 100;
    static final int MAX_SUBJECT = 200;
    static final int MAX_TEXT = 8000;
    static final int MAX_REFERENCE = 200;
    static final int MAX_PAGE_SIZE = 100;

    // the shape of a Message-ID's left part, so that an outbox can use one id for the mail and the
    // message; and a single path segment, so that every message can be addressed over REST
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private PostfachValidation() {}

    /** @throws IllegalArgumentException naming the first field that is missing or too long */
    static void check(PostfachMessage message) {
        if (message == null) {
            throw new IllegalArgumentException("A message is required.");
        }
        required("id", message.id(), MAX_ID);
        if (!ID.matcher(message.id()).matches()) {
            throw new IllegalArgumentException("A message id consists of letters (A-Z, a-z), digits, '-', '_' and"
                    + " single dots between them, was '" + message.id() + "'.");
        }
        recipient(message.recipient());
        required("sender", message.sender(), MAX_SENDER);
        required("subject", message.subject(), MAX_SUBJECT);
        required("text", message.text(), MAX_TEXT);
        if (message.reference() != null) {
            required("reference", message.reference(), MAX_REFERENCE);
        }
        if (message.sentAt() == null) {
            throw new IllegalArgumentException("A message needs its sentAt time.");
        }
    }

    static void recipient(String recipient) {
        required("recipient", recipient, MAX_RECIPIENT);
    }

    /** Whether a message with this id could be stored at all: others need no database round trip. */
    static boolean possibleId(String id) {
        return id != null && id.length() <= MAX_ID && ID.matcher(id).matches();
    }

    static void page(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, was " + page + ".");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size + ".");
        }
        // the query reads one row past the page
        if ((long) page * size + size + 1 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("page " + page + " is too far.");
        }
    }

    private static void required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("A message's " + field + " must not be empty.");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(
                    "A message's " + field + " may have at most " + max + " characters, had " + value.length() + ".");
        }
    }
}
