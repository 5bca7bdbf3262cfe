package org.amtsgang.rest.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletOutputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.amtsgang.rest.api.ContentRevision;
import org.amtsgang.rest.api.RestResource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Answers public, cacheable reads ({@code @SharedCache}) from memory, in front of the JAX-RS
 * machinery, while the content's revision is unchanged. The first request for a URI goes through
 * the resource as usual and its answer is kept: status 200 only, at most {@value #MAX_BODY} bytes,
 * never for a request with credentials. Headers are kept as the platform sent them, so a kept
 * answer is the same answer; {@code If-None-Match} is honoured.
 */
@Component(
        service = Filter.class,
        property = {
            "osgi.http.whiteboard.filter.pattern=/api/*",
            "osgi.http.whiteboard.filter.name=amtsgang-shared-cache",
            "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)"
        })
public final class SharedResponseCache implements Filter {

    static final int MAX_BODY = 512 * 1024;
    static final int MAX_ENTRIES = 5_000;

    private final Map<Long, Class<?>> resources = new ConcurrentHashMap<>();
    private final Map<String, ContentRevision> revisions = new ConcurrentHashMap<>();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile CacheRoutes routes = CacheRoutes.NONE;

    private record Entry(long revision, String area, int status, List<String[]> headers, String etag, byte[] body) {}

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addResource(RestResource resource, Map<String, Object> properties) {
        resources.put((Long) properties.get("service.id"), resource.getClass());
        routes = CacheRoutes.of(resources.values());
    }

    void removeResource(RestResource resource, Map<String, Object> properties) {
        resources.remove((Long) properties.get("service.id"));
        routes = CacheRoutes.of(resources.values());
        entries.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRevision(ContentRevision revision) {
        revisions.put(revision.area(), revision);
    }

    void removeRevision(ContentRevision revision) {
        revisions.remove(revision.area(), revision);
        entries.values().removeIf(e -> e.area().equals(revision.area()));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String area = cacheableArea(request);
        ContentRevision revision = area == null ? null : revisions.get(area);
        if (revision == null) {
            chain.doFilter(req, res);
            return;
        }
        long current = revision.revision();
        String key = request.getPathInfo() + "?" + request.getQueryString();
        Entry kept = entries.get(key);
        if (kept != null && kept.revision() == current) {
            serve(kept, request, response);
            return;
        }
        Capture capture = new Capture(response);
        chain.doFilter(req, capture);
        byte[] body = capture.body();
        if (capture.getStatus() == 200 && body != null && revision.revision() == current) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(current, area, 200, headers(response), response.getHeader("ETag"), body));
        }
    }

    private String cacheableArea(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())
                || request.getHeader("Authorization") != null
                || request.getPathInfo() == null) {
            return null;
        }
        CacheRoutes current = routes;
        return current.isEmpty() ? null : current.areaOf(request.getPathInfo());
    }

    private static void serve(Entry entry, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        for (String[] header : entry.headers()) {
            response.addHeader(header[0], header[1]);
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (entry.etag() != null && ifNoneMatch != null && etagMatches(ifNoneMatch, entry.etag())) {
            response.setStatus(304);
            return;
        }
        response.setStatus(entry.status());
        response.setContentLength(entry.body().length);
        response.getOutputStream().write(entry.body());
    }

    static boolean etagMatches(String header, String etag) {
        String opaque = etag.replaceFirst("^W/", "");
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.equals("*") || value.replaceFirst("^W/", "").equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static List<String[]> headers(HttpServletResponse response) {
        List<String[]> headers = new ArrayList<>();
        for (String name : response.getHeaderNames()) {
            if (name.equalsIgnoreCase("Date")
                    || name.equalsIgnoreCase("Content-Length")
                    || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue;
            }
            for (String value : response.getHeaders(name)) {
                headers.add(new String[] {name, value});
            }
        }
        return headers;
    }

    /** Passes the answer through and keeps a copy of its body, up to the limit. */
    private static final class Capture extends HttpServletResponseWrapper {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private ServletOutputStream stream;
        private boolean tooLarge;

        Capture(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                ServletOutputStream target = super.getOutputStream();
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        target.write(b);
                        keep(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        target.write(b, off, len);
                        keep(b, off, len);
                    }

                    @Override
                    public void flush() throws IOException {
                        target.flush();
                    }

                    @Override
                    public void close() throws IOException {
                        target.close();
                    }

                    @Override
                    public boolean isReady() {
                        return target.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        target.setWriteListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.PrintWriter getWriter() {
            // JSON leaves through the stream; an answer written as characters is not kept
            tooLarge = true;
            try {
                return super.getWriter();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void keep(byte[] b, int off, int len) {
            if (!tooLarge && copy.size() + len <= MAX_BODY) {
                copy.write(b, off, len);
            } else {
                tooLarge = true;
            }
        }

        byte[] body() {
            return tooLarge ? null : copy.toByteArray();
        }
    }
}
