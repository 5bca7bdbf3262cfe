package org.amtsgang.rest.core.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.amtsgang.rest.api.ContentRevision;

/**
 * Keeps the answers of public, cacheable reads ({@code @SharedCache}) and serves them again, in
 * front of the JAX-RS machinery, while the content's revision is unchanged. The first request for
 * a URI goes through the resource as usual and its answer is kept: status 200 only, at most
 * {@value #MAX_BODY} bytes, never for a request with credentials. Headers are kept as the platform
 * sent them, so a kept answer is the same answer; {@code If-None-Match} is honoured.
 */
final class ResponseCache {

    static final int MAX_BODY = 512 * 1024;
    static final int MAX_ENTRIES = 5_000;

    private final Map<String, ContentRevision> revisions = new ConcurrentHashMap<>();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile CacheRoutes routes = CacheRoutes.NONE;

    private record Entry(long revision, String area, List<String[]> headers, String etag, byte[] body) {}

    /** A cacheable read: answered from the cache, or on its way through the resource to be kept. */
    final class Pending {
        private final String key;
        private final String area;
        private final long revision;
        private final Capture capture;

        private Pending(String key, String area, long revision, HttpServletResponse response) {
            this.key = key;
            this.area = area;
            this.revision = revision;
            this.capture = response == null ? null : new Capture(response);
        }

        /** Whether the cache has answered already. */
        boolean served() {
            return capture == null;
        }

        HttpServletResponse response() {
            return capture;
        }

        /** Keeps the answer if it was a complete 200 and the content did not change meanwhile. */
        void keep() {
            byte[] body = capture.body();
            ContentRevision current = revisions.get(area);
            if (capture.getStatus() != 200 || body == null || current == null || current.revision() != revision) {
                return;
            }
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            HttpServletResponse response = (HttpServletResponse) capture.getResponse();
            entries.put(key, new Entry(revision, area, headers(response), response.getHeader("ETag"), body));
        }
    }

    void routes(CacheRoutes routes) {
        this.routes = routes;
        entries.clear();
    }

    void addRevision(ContentRevision revision) {
        revisions.put(revision.area(), revision);
    }

    void removeRevision(ContentRevision revision) {
        revisions.remove(revision.area(), revision);
        entries.values().removeIf(e -> e.area().equals(revision.area()));
    }

    /**
     * For a cacheable read: answers it from the cache if it can ({@link Pending#served()}), or
     * returns the response to pass to the resource, whose answer {@link Pending#keep()} then keeps.
     * Null for any other request.
     */
    Pending lookup(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String area = cacheableArea(request);
        ContentRevision revision = area == null ? null : revisions.get(area);
        if (revision == null) {
            return null;
        }
        long current = revision.revision();
        String key = request.getPathInfo() + "?" + request.getQueryString();
        Entry kept = entries.get(key);
        if (kept != null && kept.revision() == current) {
            serve(kept, request, response);
            return new Pending(key, area, current, null);
        }
        return new Pending(key, area, current, response);
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
        response.setHeader("X-Amtsgang-Cache", "hit");
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (entry.etag() != null && ifNoneMatch != null && etagMatches(ifNoneMatch, entry.etag())) {
            response.setStatus(304);
            return;
        }
        response.setStatus(200);
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
