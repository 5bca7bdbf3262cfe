package org.amtsgang.payment.sandbox.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.amtsgang.payment.api.spi.InvalidNotificationException;
import org.amtsgang.payment.api.spi.ProviderNotification;
import org.amtsgang.payment.api.spi.ProviderOutcome;

/** The sandbox's JSON: notification bodies, the session truth and problem details. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /**
     * A notification body: {@code {"eventId","paymentId","reference","outcome","method",
     * "amountCents","occurredAt"}}, {@code occurredAt} an ISO-8601 instant.
     */
    static byte[] notification(ProviderNotification n) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("eventId", n.eventId())
                .put("paymentId", n.paymentId())
                .put("reference", n.reference())
                .put("outcome", n.outcome().name())
                .put("method", n.method())
                .put("amountCents", n.amountCents())
                .put("occurredAt", n.occurredAt().toString());
        return bytes(body);
    }

    /** Reads a notification body; every field but {@code method} is required. */
    static ProviderNotification readNotification(byte[] body) throws InvalidNotificationException {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new InvalidNotificationException("Unreadable notification: not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidNotificationException("Unreadable notification: not a JSON object");
        }
        String eventId = text(json, "eventId");
        String paymentId = text(json, "paymentId");
        String reference = text(json, "reference");
        ProviderOutcome outcome;
        try {
            outcome = ProviderOutcome.valueOf(text(json, "outcome"));
        } catch (IllegalArgumentException e) {
            throw new InvalidNotificationException("Unreadable notification: unknown outcome");
        }
        JsonNode method = json.get("method");
        JsonNode amount = json.get("amountCents");
        if (amount == null || !amount.canConvertToExactIntegral() || !amount.canConvertToLong()) {
            throw new InvalidNotificationException("Unreadable notification: amountCents is not a whole number");
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(text(json, "occurredAt"));
        } catch (DateTimeParseException e) {
            throw new InvalidNotificationException("Unreadable notification: occurredAt is not an ISO-8601 instant");
        }
        return new ProviderNotification(
                eventId,
                paymentId,
                reference,
                outcome,
                method == null || method.isNull() ? null : method.asText(),
                amount.asLong(),
                occurredAt);
    }

    /** The session's truth, as the page answers {@code Accept: application/json}. */
    static byte[] session(Session s) {
        return bytes(MAPPER.createObjectNode()
                .put("reference", s.reference())
                .put("paymentId", s.paymentId())
                .put("amountCents", s.amountCents())
                .put("outcome", s.outcome().name())
                .put("method", s.method())
                .put("refundedCents", s.refundedCents()));
    }

    /** An RFC 9457 problem. */
    static byte[] problem(int status, String title, String detail) {
        return bytes(MAPPER.createObjectNode()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail));
    }

    private static String text(JsonNode json, String field) throws InvalidNotificationException {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidNotificationException("Unreadable notification: " + field + " is missing");
        }
        return value.asText();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
