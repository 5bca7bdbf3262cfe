package org.amtsgang.rest.api;

/**
 * Which page of a list a client asked for, read from the {@code page} and {@code size} query
 * parameters the same way by every endpoint.
 *
 * @param page the page, from 0
 * @param size items per page
 */
public record PageRequest(int page, int size) {

    /** The largest page number accepted, so that offsets stay far from overflow. */
    public static final int MAX_PAGE = 100_000;

    /**
     * Reads the query parameters; a missing one takes its default, a malformed or out-of-range one
     * is a 400 problem naming the parameter.
     */
    public static PageRequest of(String page, String size, int defaultSize, int maxSize) {
        return new PageRequest(parse("page", page, 0, 0, MAX_PAGE), parse("size", size, defaultSize, 1, maxSize));
    }

    private static int parse(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(
                    "Query parameter '" + name + "' must be a whole number, was '" + value + "'.");
        }
        if (parsed < min || parsed > max) {
            throw ProblemException.badRequest(
                    "Query parameter '" + name + "' must be between " + min + " and " + max + ", was " + parsed + ".");
        }
        return parsed;
    }
}
