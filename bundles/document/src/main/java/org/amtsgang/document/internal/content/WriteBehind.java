package org.amtsgang.document.internal.content;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes received content on another thread while the request thread goes on reading (and
 * hashing) the upload, and starts writing it to disk early: when the last byte has arrived only the
 * rest since the last flush still has to reach the disk before the upload is acknowledged. With no
 * I/O thread free, the same happens on the caller's thread.
 */
final class WriteBehind implements AutoCloseable {

    private static final int BUFFERS = 4;
    /** Written but not yet flushed: the page cache would otherwise hold it all until the end. */
    private static final long FLUSH_EVERY = 16L << 20;

    private final FileChannel out;
    private final Executor io;
    private final Pipe pipe;
    private final CompletableFuture<Void> written = new CompletableFuture<>();
    private final boolean behind;
    private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);
    private long unflushed;
    private boolean finished;

    WriteBehind(FileChannel out, Executor io, int bufferSize) {
        this.out = out;
        this.io = io;
        this.pipe = new Pipe(BUFFERS, bufferSize);
        boolean started;
        try {
            io.execute(this::consume);
            started = true;
        } catch (RejectedExecutionException e) {
            started = false;
        }
        this.behind = started;
    }

    /** A buffer to read into; waits while all of them are on their way to the disk. */
    byte[] buffer() throws IOException {
        return pipe.take();
    }

    /** Hands over a buffer from {@link #buffer()} with {@code length} bytes read into it (0: none). */
    void write(byte[] buffer, int length) throws IOException {
        if (length == 0) {
            pipe.recycle(buffer);
        } else if (behind) {
            pipe.send(buffer, length);
        } else {
            writeOut(buffer, length);
            pipe.recycle(buffer);
        }
    }

    /** Waits until everything is written and on disk. */
    void finish() throws IOException {
        finished = true;
        if (behind) {
            pipe.end();
            await(written);
        }
        await(flushing);
        out.force(false); // durable before anyone is told it is stored
    }

    /** Without {@link #finish()}: stops the writing thread and waits for it, so the file can go. */
    @Override
    public void close() throws IOException {
        if (finished || !behind) {
            return;
        }
        pipe.abort(new IOException("the upload was not accepted"));
        // how they ended does not matter: the abort stops the writer, and the file is going to be deleted
        CompletableFuture.allOf(written, flushing).exceptionally(e -> null).join();
    }

    private void consume() {
        try {
            Pipe.Chunk chunk;
            while (!(chunk = pipe.next()).isEnd()) {
                writeOut(chunk.buffer(), chunk.length());
                pipe.recycle(chunk.buffer());
            }
            written.complete(null);
        } catch (IOException | RuntimeException e) {
            pipe.abort(e instanceof IOException io ? io : new IOException(e));
            written.completeExceptionally(e);
        }
    }

    private void writeOut(byte[] buffer, int length) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
        while (chunk.hasRemaining()) {
            out.write(chunk);
        }
        unflushed += length;
        if (unflushed >= FLUSH_EVERY && flushing.isDone()) {
            unflushed = 0;
            flushSoon();
        }
    }

    /** Starts a flush of what is written so far on an I/O thread; skipped when none is free. */
    private void flushSoon() throws IOException {
        await(flushing); // a failed flush must not go unnoticed
        try {
            flushing = CompletableFuture.runAsync(
                    () -> {
                        try {
                            out.force(false);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    io);
        } catch (RejectedExecutionException e) {
            // all I/O threads busy: the final flush does it all
        }
    }

    private static void await(CompletableFuture<Void> future) throws IOException {
        try {
            future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("writing the content failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the content");
        }
    }
}
