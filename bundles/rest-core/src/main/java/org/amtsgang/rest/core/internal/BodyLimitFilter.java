package org.amtsgang.rest.core.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import org.amtsgang.rest.api.MaxBodySize;
import org.amtsgang.rest.api.ProblemException;

/**
 * Refuses request bodies above the allowed size with 413, before anything reads them: a declared
 * length is checked up front, and a chunked body is cut off as soon as it grows too large. The
 * allowed size is the configured one, or the resource method's own ({@link MaxBodySize}); so the
 * filter runs once the request is matched to its method, still before the body is read.
 */
final class BodyLimitFilter implements ContainerRequestFilter {

    private final long maxBytes;

    @Context
    private ResourceInfo resource;

    BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long maxBytes = limit();
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Content-Length is not a number: " + declared);
            }
            if (length > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
        // from the headers, not hasEntity(): that makes CXF read and cache the body of every request
        if ((declared != null && !declared.trim().equals("0"))
                || request.getHeaderString("Transfer-Encoding") != null) {
            request.setEntityStream(new LimitedStream(request.getEntityStream(), maxBytes));
        }
    }

    private long limit() {
        java.lang.reflect.Method method = resource == null ? null : resource.getResourceMethod();
        MaxBodySize own = method == null ? null : method.getAnnotation(MaxBodySize.class);
        return own == null ? maxBytes : own.value();
    }

    private ProblemException tooLarge(long maxBytes) {
        return new ProblemException(
                413, "Payload too large", "The request body is larger than the " + maxBytes + " bytes accepted here.");
    }

    private final class LimitedStream extends FilterInputStream {
        private final long maxBytes;
        private long count;

        LimitedStream(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            count += n;
            if (count > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
    }
}
