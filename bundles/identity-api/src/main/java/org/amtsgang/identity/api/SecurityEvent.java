package org.amtsgang.identity.api;

import java.time.Instant;
import java.util.Map;

/**
 * Something the audit trail must hold: a login, a failure, a lockout, a role change. Never
 * carries a password or token.
 *
 * @param time when it happened
 * @param type what happened
 * @param subject the account concerned, or the e-mail address tried when no account matched
 * @param actor who caused it: the account itself, an operator, or {@code system}
 * @param clientAddress the client's address, when known
 * @param details further facts, e.g. the roles before and after
 */
public record SecurityEvent(
        Instant time, Type type, String subject, String actor, String clientAddress, Map<String, String> details) {

    public SecurityEvent {
        details = Map.copyOf(details);
    }

    /** The kinds of security events. */
    public enum Type {
        REGISTERED,
        EMAIL_CONFIRMED,
        LOGIN,
        LOGIN_FAILED,
        LOCKED_OUT,
        LOGOUT,
        TOKEN_REFRESH_REUSED,
        PASSWORD_CHANGED,
        PASSWORD_RESET,
        STAFF_CREATED,
        ROLES_CHANGED,
        ACCOUNT_DISABLED,
        ACCOUNT_ENABLED
    }
}
