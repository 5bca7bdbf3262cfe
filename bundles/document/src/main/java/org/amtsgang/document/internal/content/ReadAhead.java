package org.amtsgang.document.internal.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Reads a stream on another thread, a few buffers ahead of its reader. A download reads, hashes
 * and verifies the stored file there while the request thread writes to the socket. The source is
 * closed by that thread when it is done; {@link #close} waits for it.
 */
final class ReadAhead extends InputStream {

    private static final int BUFFERS = 4;

    private final Pipe pipe;
    private final CountDownLatch done = new CountDownLatch(1);
    private Pipe.Chunk current;
    private int position;
    private boolean ended;

    private ReadAhead(int bufferSize) {
        this.pipe = new Pipe(BUFFERS, bufferSize);
    }

    /** The source read ahead on the executor's thread, or the source itself when none is free. */
    static InputStream of(InputStream source, Executor executor, int bufferSize) {
        ReadAhead ahead = new ReadAhead(bufferSize);
        try {
            executor.execute(() -> ahead.produce(source));
            return ahead;
        } catch (RejectedExecutionException e) {
            return source; // all I/O threads busy: read on the caller's thread, as without read-ahead
        }
    }

    private void produce(InputStream source) {
        try (InputStream in = source) {
            while (true) {
                byte[] buffer = pipe.take();
                int n = in.readNBytes(buffer, 0, buffer.length);
                if (n > 0) {
                    pipe.send(buffer, n);
                }
                if (n < buffer.length) {
                    pipe.end();
                    return;
                }
            }
        } catch (IOException e) {
            pipe.fail(e);
        } catch (RuntimeException e) {
            pipe.fail(new IOException("reading ahead failed", e));
        } finally {
            done.countDown();
        }
    }

    /** The chunk with unread bytes, or {@code null} at the end; rethrows the source's failure. */
    private Pipe.Chunk chunk() throws IOException {
        if (ended) {
            return null;
        }
        if (current != null && position < current.length()) {
            return current;
        }
        if (current != null) {
            pipe.recycle(current.buffer());
            current = null;
        }
        Pipe.Chunk next = pipe.next();
        if (next.failure() != null) {
            ended = true;
            throw next.failure(); // e.g. the content is damaged: the reader must not see a clean end
        }
        if (next.isEnd()) {
            ended = true;
            return null;
        }
        current = next;
        position = 0;
        return current;
    }

    @Override
    public int read() throws IOException {
        Pipe.Chunk c = chunk();
        return c == null ? -1 : c.buffer()[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        Pipe.Chunk c = chunk();
        if (c == null) {
            return -1;
        }
        int n = Math.min(len, c.length() - position);
        System.arraycopy(c.buffer(), position, b, off, n);
        position += n;
        return n;
    }

    /** Writes the buffers as they come, without copying them once more. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        long total = 0;
        Pipe.Chunk c;
        while ((c = chunk()) != null) {
            int n = c.length() - position;
            out.write(c.buffer(), position, n);
            position += n;
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        pipe.abort(new IOException("the reader closed the stream"));
        try {
            done.await(); // the source is closed by its thread; nothing reads it after this returns
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
