package org.amtsgang.identity.api;

/**
 * What a new member of staff needs for the first login; shown once, to the person creating the
 * account, and never stored in clear.
 *
 * @param account the new account
 * @param initialPassword a random password to change at the first login
 * @param totpUri the {@code otpauth://} URI to enrol in an authenticator app (RFC 6238)
 */
public record StaffEnrolment(AccountInfo account, String initialPassword, String totpUri) {}
