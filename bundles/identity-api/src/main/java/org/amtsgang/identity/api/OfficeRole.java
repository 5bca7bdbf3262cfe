package org.amtsgang.identity.api;

import java.util.Objects;

/**
 * A role held in one office.
 *
 * @param officeId the office's id
 * @param role the role
 */
public record OfficeRole(String officeId, Role role) {

    public OfficeRole {
        Objects.requireNonNull(officeId, "officeId");
        Objects.requireNonNull(role, "role");
    }

    /** Reads {@code office:ROLE}, e.g. {@code buergeramt:CASEWORKER}. */
    public static OfficeRole parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected office:ROLE, e.g. buergeramt:CASEWORKER, was '" + text + "'");
        }
        return new OfficeRole(
                text.substring(0, colon).trim(),
                Role.valueOf(text.substring(colon + 1).trim().toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public String toString() {
        return officeId + ":" + role;
    }
}
