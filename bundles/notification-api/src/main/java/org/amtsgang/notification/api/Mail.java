package org.amtsgang.notification.api;

/**
 * A plain-text e-mail.
 *
 * @param to the recipient's address
 * @param subject the subject line
 * @param text the body, plain text
 */
public record Mail(String to, String subject, String text) {}
