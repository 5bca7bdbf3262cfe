package org.amtsgang.rest.api;

/** Reads query parameters the same way at every endpoint; a malformed one is a 400 naming it. */
public final class QueryParams {

    private QueryParams() {}

    /** A flag: absent or empty is false; otherwise exactly {@code true} or {@code false}. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(
                    "Query parameter '" + name + "' must be true or false, was '" + value + "'.");
        };
    }
}
