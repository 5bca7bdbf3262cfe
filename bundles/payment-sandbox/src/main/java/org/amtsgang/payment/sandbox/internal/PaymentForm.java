package org.amtsgang.payment.sandbox.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.amtsgang.payment.api.spi.ProviderOutcome;

/**
 * What the payer (or a test) posts to the hosted page, form-encoded: {@code outcome}, {@code
 * method} and the optional chaos overrides {@code delayMillis}, {@code duplicates}, {@code reorder}.
 * An empty field counts as absent, as browsers send empty inputs.
 */
record PaymentForm(ProviderOutcome outcome, String method, Long delayMillis, Integer duplicates, Boolean reorder) {

    /** Limits that keep one tester's click from occupying the sender for hours. */
    static final long MAX_DELAY_MILLIS = 3_600_000;

    static final int MAX_DUPLICATES = 10;

    /** Input the page refuses; its message says why, for the 400 answer. */
    static final class InvalidFormException extends Exception {

        private static final long serialVersionUID = 1L;

        InvalidFormException(String message) {
            super(message);
        }
    }

    static PaymentForm parse(byte[] body) throws InvalidFormException {
        Map<String, String> fields = fields(new String(body, StandardCharsets.UTF_8));
        ProviderOutcome outcome = Outcomes.fromForm(fields.get("outcome"))
                .orElseThrow(() -> new InvalidFormException("outcome must be success, failure or cancel."));
        String method = fields.get("method");
        if (method != null && !Outcomes.METHODS.contains(method)) {
            throw new InvalidFormException("method must be one of " + String.join(", ", Outcomes.METHODS) + ".");
        }
        Long delay = number(fields, "delayMillis", MAX_DELAY_MILLIS);
        Long duplicates = number(fields, "duplicates", MAX_DUPLICATES);
        return new PaymentForm(
                outcome, method, delay, duplicates == null ? null : duplicates.intValue(), bool(fields.get("reorder")));
    }

    /** The chaos for this decision: the form's overrides, the configured chaos for the rest. */
    Chaos chaos(Chaos configured) {
        return new Chaos(
                delayMillis == null ? configured.delayMillis() : delayMillis,
                configured.jitterMillis(),
                duplicates == null ? configured.duplicates() : duplicates,
                reorder == null ? configured.reorder() : reorder);
    }

    private static Map<String, String> fields(String body) throws InvalidFormException {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1)).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (fields.put(name, value) != null) {
                throw new InvalidFormException(name + " is given more than once.");
            }
        }
        return fields;
    }

    private static String decode(String text) throws InvalidFormException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidFormException("The form is not properly URL-encoded.");
        }
    }

    private static Long number(Map<String, String> fields, String name, long max) throws InvalidFormException {
        String text = fields.get(name);
        if (text == null) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidFormException(name + " must be a whole number.");
        }
        if (value < 0 || value > max) {
            throw new InvalidFormException(name + " must be between 0 and " + max + ".");
        }
        return value;
    }

    private static Boolean bool(String text) throws InvalidFormException {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true", "on", "1" -> true;
            case "false", "off", "0" -> false;
            default -> throw new InvalidFormException("reorder must be true or false.");
        };
    }
}
