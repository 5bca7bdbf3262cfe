package org.amtsgang.notification.api;

import java.time.Instant;

/**
 * A message in a citizen's Postfach.
 *
 * @param id unique, chosen by the sending area (e.g. the id of a case's status change)
 * @param recipient the citizen's subject
 * @param sender who sends it, e.g. the office's id
 * @param subject the subject line
 * @param text the message, plain text
 * @param reference what it is about, e.g. a case id, or null
 * @param sentAt when it was sent
 * @param readAt when the recipient first read it, or null
 */
public record PostfachMessage(
        String id,
        String recipient,
        String sender,
        String subject,
        String text,
        String reference,
        Instant sentAt,
        Instant readAt) {}
