package org.amtsgang.payment.internal;

import java.util.HashMap;
import java.util.Map;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.payment.api.dto.Booking;

/**
 * The per-service settings of the treasury: where a service's fees are booked, and how much of a
 * fee is paid back when an application is withdrawn or rejected (the city's Gebührensatzung).
 * Malformed entries are refused when the configuration is read, naming the entry.
 */
final class ServiceRules {

    /** The share of a fee paid back, per outcome of the application, in percent. */
    record RefundRule(int withdrawnPercent, int rejectedPercent) {

        int percentFor(CaseStatus outcome) {
            return switch (outcome) {
                case WITHDRAWN -> withdrawnPercent;
                case REJECTED -> rejectedPercent;
                default -> 0;
            };
        }
    }

    private final Map<String, Booking> bookings = new HashMap<>();
    private final Booking defaultBooking;
    private final Map<String, RefundRule> refunds = new HashMap<>();
    private final RefundRule defaultRefund;

    ServiceRules(PaymentConfig config) {
        for (String entry : entries(config.bookings())) {
            String[] pair = split(entry, "bookings");
            String[] parts = pair[1].split("\\|", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(
                        "bookings entry '" + entry + "' must read serviceId=Haushaltsstelle|Objektnummer");
            }
            bookings.put(pair[0], new Booking(parts[0].trim(), parts[1].trim()));
        }
        defaultBooking = new Booking(config.defaultHaushaltsstelle(), config.defaultObjektnummer());
        for (String entry : entries(config.refundRules())) {
            String[] pair = split(entry, "refundRules");
            refunds.put(pair[0], rule(pair[1]));
        }
        defaultRefund = rule(config.defaultRefundRule());
    }

    /** Entries come as an array or as one comma-separated text (as etc/*.cfg files give them). */
    private static java.util.List<String> entries(String[] values) {
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }

    Booking booking(String serviceId) {
        return bookings.getOrDefault(serviceId, defaultBooking);
    }

    RefundRule refund(String serviceId) {
        return refunds.getOrDefault(serviceId, defaultRefund);
    }

    private static String[] split(String entry, String setting) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(setting + " entry '" + entry + "' must read serviceId=...");
        }
        return new String[] {
            entry.substring(0, eq).trim(), entry.substring(eq + 1).trim()
        };
    }

    static RefundRule rule(String text) {
        int withdrawn = 0;
        int rejected = 0;
        for (String part : text.split(";")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException(
                        "refund rule '" + text + "' must read WITHDRAWN:<percent>;REJECTED:<percent>");
            }
            int percent;
            try {
                percent = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("refund rule '" + text + "': '" + kv[1] + "' is not a percentage");
            }
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("refund rule '" + text + "': percentages run from 0 to 100");
            }
            switch (kv[0].trim()) {
                case "WITHDRAWN" -> withdrawn = percent;
                case "REJECTED" -> rejected = percent;
                default -> throw new IllegalArgumentException(
                        "refund rule '" + text + "': only WITHDRAWN and REJECTED are known");
            }
        }
        return new RefundRule(withdrawn, rejected);
    }
}
