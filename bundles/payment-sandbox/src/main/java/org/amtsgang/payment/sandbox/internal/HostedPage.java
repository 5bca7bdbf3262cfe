package org.amtsgang.payment.sandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The hosted payment page on the HTTP whiteboard at {@code /sandbox-psp/*}: the servlet API on one
 * side, {@link SessionPages} on the other.
 */
final class HostedPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The page loads nothing from elsewhere and must not be framed by another site. */
    private static final String CSP =
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

    private final transient SessionPages pages;

    HostedPage(SessionPages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(response, pages.get(request.getPathInfo(), wantsJson(request)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getContentLengthLong() > SessionPages.MAX_BODY_BYTES) {
            // refused before reading: a large body is not read at all
            answer(response, SessionPages.tooLarge());
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            // one byte more than allowed tells a chunked body that is too large
            body = in.readNBytes(SessionPages.MAX_BODY_BYTES + 1);
        }
        answer(response, pages.post(request.getPathInfo(), wantsJson(request), request.getContentType(), body));
    }

    private static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json");
    }

    private static void answer(HttpServletResponse response, SessionPages.Reply reply) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (reply.location() != null) {
            response.setStatus(reply.status());
            response.setHeader("Location", reply.location());
            return;
        }
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        if (reply.contentType().startsWith("text/html")) {
            response.setHeader("Content-Security-Policy", CSP);
        }
        response.setContentLength(reply.body().length);
        response.getOutputStream().write(reply.body());
    }
}
