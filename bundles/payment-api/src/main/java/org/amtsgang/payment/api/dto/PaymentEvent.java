package org.amtsgang.payment.api.dto;

import java.time.Instant;

/**
 * One thing that happened to a payment.
 *
 * @param at when
 * @param type e.g. {@code CREATED}, {@code NOTIFIED}, {@code RECONCILED}, {@code EXPIRED}, {@code REFUNDED}
 * @param from the state before
 * @param to the state after (the same when nothing changed, e.g. an outdated notification)
 * @param source who said so: a subject, {@code provider:<id>} or {@code system}
 * @param detail more, e.g. why a notification changed nothing
 */
public record PaymentEvent(Instant at, String type, PaymentState from, PaymentState to, String source, String detail) {}
