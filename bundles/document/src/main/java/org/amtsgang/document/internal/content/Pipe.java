package org.amtsgang.document.internal.content;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands filled buffers from one thread to another through a few reused ones: while one side reads
 * (a socket, a file), the other hashes and writes. A transfer then takes about as long as the
 * slower of the two instead of their sum, with a fixed amount of memory.
 *
 * <p>The producer takes a free buffer, fills it and sends it; it always ends with {@link #end} or
 * {@link #fail}. The consumer takes chunks until the end and gives each buffer back. Either side
 * may {@link #abort} it, e.g. when the content is refused or the disk is full: the other side's
 * next wait then throws.
 */
final class Pipe {

    /** A filled buffer, or the end ({@code buffer == null}), or the producer's failure. */
    record Chunk(byte[] buffer, int length, IOException failure) {

        boolean isEnd() {
            return buffer == null && failure == null;
        }
    }

    private static final Chunk END = new Chunk(null, 0, null);
    /** How often a waiting side looks whether the other one gave up. */
    private static final long WAKE_MS = 50;

    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Chunk> full;
    private volatile IOException aborted;

    Pipe(int buffers, int bufferSize) {
        free = new ArrayBlockingQueue<>(buffers);
        // every chunk holds one of the buffers, plus the end: a send never waits
        full = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) {
            free.add(new byte[bufferSize]);
        }
    }

    // ---- producer side

    /** A buffer to fill; waits until the consumer gives one back. */
    byte[] take() throws IOException {
        return await(free);
    }

    void send(byte[] buffer, int length) {
        full.add(new Chunk(buffer, length, null));
    }

    void end() {
        full.add(END);
    }

    void fail(IOException failure) {
        full.add(new Chunk(null, 0, failure));
    }

    // ---- consumer side

    /** The next chunk; waits until the producer sent one. */
    Chunk next() throws IOException {
        return await(full);
    }

    void recycle(byte[] buffer) {
        free.add(buffer);
    }

    // ---- either side

    /** Makes the other side's next wait throw {@code why}. */
    void abort(IOException why) {
        if (aborted == null) {
            aborted = why;
        }
    }

    private <T> T await(BlockingQueue<T> queue) throws IOException {
        try {
            while (true) {
                IOException why = aborted;
                if (why != null) {
                    throw new IOException("the transfer was given up: " + why.getMessage(), why);
                }
                T item = queue.poll(WAKE_MS, TimeUnit.MILLISECONDS);
                if (item != null) {
                    return item;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a transfer buffer");
        }
    }
}
