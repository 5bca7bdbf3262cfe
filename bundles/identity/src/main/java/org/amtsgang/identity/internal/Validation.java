package org.amtsgang.identity.internal;

import java.util.regex.Pattern;
import org.amtsgang.rest.api.ProblemException;

/** The rules for what people type in: e-mail addresses, passwords, names. */
final class Validation {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 256;

    private Validation() {}

    static String email(String email) {
        if (email == null
                || email.length() > 254
                || !EMAIL.matcher(email.trim()).matches()) {
            throw ProblemException.badRequest("email must be an e-mail address.");
        }
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** NIST SP 800-63B: length, not composition rules; and not the e-mail address itself. */
    static char[] password(String password, String email) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw ProblemException.badRequest(
                    "password must have " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
        }
        if (email != null && password.equalsIgnoreCase(email)) {
            throw ProblemException.badRequest("password must not be the e-mail address.");
        }
        return password.toCharArray();
    }

    static String name(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ProblemException.badRequest("displayName must have 1 to 200 characters.");
        }
        return name.trim();
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + " is required.");
        }
        return value;
    }
}
