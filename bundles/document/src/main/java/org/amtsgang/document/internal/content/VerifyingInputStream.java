package org.amtsgang.document.internal.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes what is read and, at the end of the stream, compares it with the checksum the content was
 * stored under: damaged bytes surface as an {@link IOException} instead of reaching a reader
 * silently. A reader that stops early is not checked (it has not seen the whole).
 */
public final class VerifyingInputStream extends FilterInputStream {

    /** The stored bytes do not match their checksum. */
    public static final class DamagedContentException extends IOException {

        private static final long serialVersionUID = 1L;

        DamagedContentException(String message) {
            super(message);
        }
    }

    private final MessageDigest digest = Sha256.newDigest();
    private final String expected;
    private final long expectedSize;
    private long count;
    private boolean checked;

    public VerifyingInputStream(InputStream in, String expectedSha256, long expectedSize) {
        super(in);
        this.expected = expectedSha256;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            check();
        } else {
            counted(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            check();
        } else {
            counted(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipping would leave bytes unhashed: read them instead
        byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /**
     * Checks as soon as the expected size is reached, before the read that brought the last byte
     * returns: a reader that sends what it reads (a download) must not send a damaged end and leave
     * the client with a complete-looking file; learning it at the next read would be too late.
     */
    private void counted(byte[] buffer, int offset, int n) throws DamagedContentException {
        if (checked && n > 0) {
            throw new DamagedContentException(
                    "stored content " + expected + " is damaged: it is longer than " + expectedSize + " bytes");
        }
        digest.update(buffer, offset, n);
        count += n;
        if (count >= expectedSize) {
            check();
        }
    }

    private void check() throws DamagedContentException {
        if (checked) {
            return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (count != expectedSize || !actual.equals(expected)) {
            throw new DamagedContentException("stored content " + expected + " is damaged: read " + count
                    + " bytes hashing to " + actual + ", expected " + expectedSize + " bytes");
        }
    }
}
