package org.amtsgang.rest.core.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import org.amtsgang.rest.api.ProblemException;

/**
 * Refuses request bodies above the configured size with 413, before anything reads them: a
 * declared length is checked up front, and a chunked body is cut off as soon as it grows too large.
 */
@PreMatching
final class BodyLimitFilter implements ContainerRequestFilter {

    private final long maxBytes;

    BodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("Content-Length is not a number: " + declared);
            }
            if (length > maxBytes) {
                throw tooLarge();
            }
        }
        // from the headers, not hasEntity(): that makes CXF read and cache the body of every request
        if ((declared != null && !declared.trim().equals("0"))
                || request.getHeaderString("Transfer-Encoding") != null) {
            request.setEntityStream(new LimitedStream(request.getEntityStream()));
        }
    }

    private ProblemException tooLarge() {
        return new ProblemException(
                413, "Payload too large", "The request body is larger than the " + maxBytes + " bytes accepted here.");
    }

    private final class LimitedStream extends FilterInputStream {
        private long count;

        LimitedStream(InputStream in) {
            super(in);
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
                throw tooLarge();
            }
        }
    }
}
