package org.amtsgang.identity.api;

/**
 * A way to log in, as offered to someone who needs a higher trust level.
 *
 * @param id the provider's id, e.g. {@code bundid}, or {@code local} for the platform's own accounts
 * @param name what to show, e.g. "BundID (Online-Ausweis)"
 * @param reaches the highest trust level a login this way can reach
 * @param start the platform path that starts the login
 */
public record LoginOption(String id, String name, TrustLevel reaches, String start) {}
