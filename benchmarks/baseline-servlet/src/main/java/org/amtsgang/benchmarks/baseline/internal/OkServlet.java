package org.amtsgang.benchmarks.baseline.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The baseline for the platform's throughput: a servlet that does no work at all, on the same
 * Jetty, whiteboard and JVM as the platform API. What {@code /api/v1/services} reaches of this
 * servlet's requests per second is the platform's own cost; what this one reaches is the ceiling.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/bench/ok")
public final class OkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }
}
