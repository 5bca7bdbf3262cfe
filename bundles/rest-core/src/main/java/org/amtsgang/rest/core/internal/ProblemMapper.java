package org.amtsgang.rest.core.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.amtsgang.rest.api.Problem;
import org.amtsgang.rest.api.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become responses: every error leaves the platform as {@code
 * application/problem+json} (RFC 9457). Unexpected exceptions are logged with a reference that the
 * response names, and their message never reaches the client.
 */
final class ProblemMapper implements ExceptionMapper<Throwable> {

    /** A problem extension that becomes the WWW-Authenticate header instead of a body member. */
    static final String WWW_AUTHENTICATE = "wwwAuthenticate";

    /**
     * A problem extension that becomes the Retry-After header (seconds) instead of a body member
     * (not {@code retryAfter}: the identity area's 429 says that in the body on purpose).
     */
    static final String RETRY_AFTER = "retryAfterHeader";

    private final Logger logger = LoggerFactory.getLogger(ProblemMapper.class);
    private final java.util.function.BooleanSupplier starting;

    /** @param starting true while the platform starts: an address nothing answers may come soon */
    ProblemMapper(java.util.function.BooleanSupplier starting) {
        this.starting = starting;
    }

    @Override
    public Response toResponse(Throwable error) {
        Problem problem = toProblem(error);
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(body(problem));
        if (error instanceof WebApplicationException web && web.getResponse().getStatus() == 405) {
            response.header(HttpHeaders.ALLOW, web.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        Object retryAfter = problem.extensions().get(RETRY_AFTER);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        if (problem.status() == 401) {
            // RFC 6750: say how to authenticate, and whether the token sent was the trouble
            Object challenge = problem.extensions().get(WWW_AUTHENTICATE);
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge == null ? "Bearer realm=\"amtsgang\"" : challenge);
        }
        return response.build();
    }

    Problem toProblem(Throwable error) {
        if (error instanceof ProblemException problemException) {
            return problemException.problem();
        }
        JsonProcessingException json = jsonCause(error);
        if (json != null) {
            return problem(400, "Malformed JSON", describe(json));
        }
        if (error instanceof WebApplicationException web) {
            return fromWebApplication(web);
        }
        return serverError(500, error);
    }

    // CXF signals routing failures with plain WebApplicationExceptions: go by status, not by class.
    private Problem fromWebApplication(WebApplicationException web) {
        int status = web.getResponse().getStatus();
        return switch (status) {
            case 404 -> starting.getAsBoolean()
                    ? new Problem(
                            "about:blank",
                            "Service unavailable",
                            503,
                            "The platform is starting and this part of it is not there yet; try again in a moment.",
                            Map.of(RETRY_AFTER, "2"))
                    : problem(404, "Not found", "There is no resource at " + path() + ".");
            case 405 -> problem(405, "Method not allowed", "This resource allows only " + allowed(web) + ".");
            case 406 -> problem(406, "Not acceptable", "This resource answers with application/json only.");
            case 415 -> problem(415, "Unsupported media type", "Send the request body as application/json.");
            default -> status >= 500 ? serverError(status, web) : problem(status, reason(status), reason(status) + ".");
        };
    }

    private Problem serverError(int status, Throwable error) {
        String reference = UUID.randomUUID().toString();
        if (clientGone(error)) {
            // nobody is left to read the answer; not an error of the platform
            logger.debug("Client went away while {} was answered (reference {})", path(), reference, error);
        } else {
            logger.error("Error {} answering {} (reference {})", status, path(), reference, error);
        }
        return new Problem(
                "about:blank",
                reason(status),
                status,
                "The platform could not answer this request. Operators find the cause in the log under reference "
                        + reference + ".",
                Map.of("reference", reference));
    }

    private static String allowed(WebApplicationException web) {
        String allow = web.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null || allow.isBlank() ? "other methods" : allow;
    }

    private Map<String, Object> body(Problem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", path());
        problem.extensions().forEach((key, value) -> {
            if (!key.equals(WWW_AUTHENTICATE) && !key.equals(RETRY_AFTER)) {
                body.putIfAbsent(key, value);
            }
        });
        return body;
    }

    private static Problem problem(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, Map.of());
    }

    private String path() {
        // from CXF's current message rather than an injected UriInfo: a @Context field would make
        // CXF inject a proxy into this provider on every request, error or not
        org.apache.cxf.message.Message message = org.apache.cxf.phase.PhaseInterceptorChain.getCurrentMessage();
        Object uri = message == null ? null : message.get(org.apache.cxf.message.Message.REQUEST_URI);
        return uri == null ? "?" : uri.toString();
    }

    /**
     * Whether answering failed because the client closed the connection: Jetty's EofException,
     * resets, or Jetty's closed request parser, which CXF meets when it drains the rest of a request
     * body (an upload the client broke off) before it writes the error answer.
     */
    static boolean clientGone(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException
                    && String.valueOf(t.getMessage()).startsWith("Parser is terminated")) {
                return true;
            }
            if (t instanceof java.io.IOException) {
                String message = String.valueOf(t.getMessage());
                if (t.getClass().getSimpleName().equals("EofException")
                        || message.contains("Broken pipe")
                        || message.contains("Connection reset")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonProcessingException jsonCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    // Jackson's own message carries a dump of the source; the client needs what and where.
    private static String describe(JsonProcessingException json) {
        JsonLocation location = json.getLocation();
        String where =
                location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return json.getOriginalMessage() + where;
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }
}
