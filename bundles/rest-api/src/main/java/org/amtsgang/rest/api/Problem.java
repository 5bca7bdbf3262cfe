package org.amtsgang.rest.api;

import java.util.Map;

/**
 * An RFC 9457 problem detail as it leaves the platform.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title a short summary of the kind of problem, the same for every occurrence
 * @param status the HTTP status code
 * @param detail what went wrong in this occurrence, for the person reading it
 * @param extensions further members, such as the list of invalid fields; never {@code null}
 */
public record Problem(String type, String title, int status, String detail, Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }
}
