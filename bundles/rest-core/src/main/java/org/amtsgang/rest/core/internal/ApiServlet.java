package org.amtsgang.rest.core.internal;

import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.cxf.Bus;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * The platform's HTTP API servlet, owned by {@code rest-core}: CXF's servlet on the platform's own
 * bus, with the shared cache of public reads in front of it. Replaces the servlet CXF registers by
 * itself (disabled in {@code etc/custom.properties}), so that nothing else serves {@code /api}.
 */
final class ApiServlet extends CXFNonSpringServlet {

    private static final long serialVersionUID = 1L;

    private final transient ResponseCache cache;

    ApiServlet(Bus bus, ResponseCache cache) {
        super(null, bus);
        this.cache = cache;
    }

    @Override
    protected void invoke(HttpServletRequest request, HttpServletResponse response) throws ServletException {
        try {
            ResponseCache.Pending read = cache.lookup(request, response);
            if (read != null && read.served()) {
                return;
            }
            super.invoke(request, read == null ? response : read.response());
            if (read != null) {
                read.keep();
            }
        } catch (IOException e) {
            throw new ServletException(e);
        }
    }
}
