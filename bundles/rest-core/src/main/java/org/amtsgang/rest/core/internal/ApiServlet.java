package org.amtsgang.rest.core.internal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.cxf.Bus;
import org.apache.cxf.BusException;
import org.apache.cxf.transport.DestinationFactory;
import org.apache.cxf.transport.DestinationFactoryManager;
import org.apache.cxf.transport.http.DestinationRegistry;
import org.apache.cxf.transport.http.HTTPTransportFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * The platform's HTTP API servlet, owned by {@code rest-core}: CXF's servlet on the platform's own
 * bus, with the shared cache of public reads in front of it. Replaces the servlet CXF registers by
 * itself (disabled in {@code etc/custom.properties}), so that nothing else serves {@code /api}.
 */
final class ApiServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;

    private final transient ResponseCache cache;
    private final transient RequestGate gate;

    /**
     * @param gate open while the JAX-RS endpoint is built; while it is not (at boot, or for the
     *     moment a platform bundle's resources change) requests get 503 with Retry-After, never a
     *     404 or 500 from a half-built endpoint
     */
    ApiServlet(Bus bus, ResponseCache cache, RequestGate gate) {
        // With the bus's own registry handed in, CXF treats it as shared: destroy() leaves the
        // endpoint's destination in it (see destroyBus for why that matters).
        super(httpRegistryOf(bus), bus);
        this.cache = cache;
        this.gate = gate;
    }

    /**
     * The bus belongs to {@link PlatformEndpoint}, not to the servlet. Pax Web destroys and then
     * initialises this same servlet instance again whenever it restarts Jetty (an operator edits
     * {@code etc/org.ops4j.pax.web.cfg}, or the configuration arrives a second time while booting).
     * CXF's servlet would shut the bus down on destroy and forget it, and every request after the
     * restart would fail with a NullPointerException (500) until the platform was restarted.
     */
    @Override
    public void destroyBus() {
        // the endpoint shuts the bus down when it is deactivated
    }

    private static DestinationRegistry httpRegistryOf(Bus bus) {
        try {
            DestinationFactory factory = bus.getExtension(DestinationFactoryManager.class)
                    .getDestinationFactory(HTTPTransportFactory.DEFAULT_NAMESPACES.get(0));
            if (factory instanceof HTTPTransportFactory http) {
                return http.getRegistry();
            }
            throw new IllegalStateException("the platform bus has no HTTP transport: " + factory);
        } catch (BusException e) {
            throw new IllegalStateException("the platform bus has no HTTP transport", e);
        }
    }

    @Override
    protected void invoke(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        try {
            if (!gate.enter()) {
                unavailable(request, response);
                return;
            }
            try {
                ResponseCache.Pending read = cache.lookup(request, response);
                if (read != null && read.served()) {
                    return;
                }
                super.invoke(request, read == null ? response : read.response());
                if (read != null) {
                    read.keep();
                }
            } finally {
                gate.leave();
            }
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
                        + "\"detail\":\"The platform is starting or updating; try again in a moment.\",\"instance\":\""
                        + request.getRequestURI().replace("\\", "").replace("\"", "") + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
