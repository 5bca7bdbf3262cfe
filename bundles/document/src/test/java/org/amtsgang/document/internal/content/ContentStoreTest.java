package org.amtsgang.document.internal.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Stream;
import org.amtsgang.document.internal.Samples;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ContentStoreTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final ExecutorService io = Executors.newCachedThreadPool();

    @After
    public void stopThreads() {
        io.shutdownNow();
    }

    private ContentStore store() throws IOException {
        return new ContentStore(folder.getRoot().toPath().resolve("docs"), io);
    }

    private final byte[] png = Samples.png(Samples.page("Bauakte 1958"));

    @Test
    public void storesContentOnceUnderItsChecksum() throws Exception {
        ContentStore store = store();
        Staged first = store.stage(new ByteArrayInputStream(png), 1 << 20);
        store.commit(first);
        Staged second = store.stage(new ByteArrayInputStream(png), 1 << 20);
        store.commit(second);

        assertThat(first.sha256()).isEqualTo(Sha256.hex(png)).isEqualTo(second.sha256());
        assertThat(first.type()).isEqualTo(ContentType.PNG);
        assertThat(first.size()).isEqualTo(png.length);
        assertThat(Files.readAllBytes(store.path(first.sha256()))).isEqualTo(png);
        assertThat(files(store.root().resolve("sha256"))).isEqualTo(1);
        assertThat(files(store.root().resolve("tmp"))).isZero();
        try (InputStream in = store.open(first.sha256(), first.size())) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    public void refusedContentLeavesNothingBehind() throws Exception {
        ContentStore store = store();
        byte[] script = "#!/bin/sh\nrm -rf /\n".getBytes();
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(script), 1 << 20))
                .isInstanceOfSatisfying(
                        ContentRefused.class, e -> assertThat(e.why()).isEqualTo(ContentRefused.Why.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(png), png.length - 1))
                .isInstanceOfSatisfying(
                        ContentRefused.class, e -> assertThat(e.why()).isEqualTo(ContentRefused.Why.TOO_LARGE));
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(new byte[0]), 10))
                .isInstanceOfSatisfying(
                        ContentRefused.class, e -> assertThat(e.why()).isEqualTo(ContentRefused.Why.EMPTY));
        assertThatThrownBy(() -> store.stage(brokenAfter(png, 1000), 1 << 20)).isInstanceOf(IOException.class);
        assertThat(files(store.root())).isZero();
    }

    @Test
    public void damagedContentIsNoticedWhenRead() throws Exception {
        ContentStore store = store();
        Staged staged = store.stage(new ByteArrayInputStream(png), 1 << 20);
        store.commit(staged);
        byte[] damaged = png.clone();
        damaged[damaged.length / 2] ^= 0x01;
        Files.write(store.path(staged.sha256()), damaged);

        assertThatThrownBy(() -> store.readSmall(staged.sha256(), staged.size()))
                .isInstanceOf(VerifyingInputStream.DamagedContentException.class)
                .hasMessageContaining(staged.sha256());
        // a truncated file is damage too
        Files.write(store.path(staged.sha256()), java.util.Arrays.copyOf(png, png.length - 1));
        assertThatThrownBy(() -> store.readSmall(staged.sha256(), staged.size()))
                .isInstanceOf(VerifyingInputStream.DamagedContentException.class);
    }

    @Test
    public void largeContentIsHashedAndWrittenBehindAndReadAhead() throws Exception {
        byte[] big = bigTiff(3_000_000); // several buffers, an odd length
        for (Executor threads : new Executor[] {io, refusing()}) {
            ContentStore store = new ContentStore(folder.getRoot().toPath().resolve("docs"), threads);
            Staged staged = store.stage(new ByteArrayInputStream(big), 10_000_000);
            store.commit(staged);

            assertThat(staged.sha256()).isEqualTo(Sha256.hex(big));
            assertThat(staged.size()).isEqualTo(big.length);
            assertThat(Files.readAllBytes(store.path(staged.sha256()))).isEqualTo(big);
            try (InputStream in = store.stream(staged.sha256(), staged.size())) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                assertThat(out.toByteArray()).isEqualTo(big);
            }
            try (InputStream in = store.stream(staged.sha256(), staged.size())) {
                assertThat(in.readAllBytes()).isEqualTo(big);
            }
            store.delete(staged.sha256());
        }
    }

    @Test
    public void refusalInTheMiddleOfALargeUploadLeavesNothing() throws Exception {
        ContentStore store = store();
        byte[] big = bigTiff(3_000_000);
        assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(big), 1_000_000))
                .isInstanceOfSatisfying(
                        ContentRefused.class, e -> assertThat(e.why()).isEqualTo(ContentRefused.Why.TOO_LARGE));
        assertThatThrownBy(() -> store.stage(brokenAfter(big, 2_000_000), 10_000_000))
                .isInstanceOf(IOException.class);
        assertThat(files(store.root())).isZero();
    }

    @Test
    public void damagedLargeContentBreaksTheReadAheadStream() throws Exception {
        ContentStore store = store();
        byte[] big = bigTiff(3_000_000);
        Staged staged = store.stage(new ByteArrayInputStream(big), 10_000_000);
        store.commit(staged);
        byte[] damaged = big.clone();
        damaged[2_500_000] ^= 0x01;
        Files.write(store.path(staged.sha256()), damaged);

        try (InputStream in = store.stream(staged.sha256(), staged.size())) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(VerifyingInputStream.DamagedContentException.class);
        }
        // a reader that stops early closes cleanly, and the reading thread lets go of the file
        try (InputStream in = store.stream(staged.sha256(), staged.size())) {
            assertThat(in.read(new byte[10])).isEqualTo(10);
        }
    }

    @Test
    public void aDamagedEndIsNotSentEvenWhenItFillsTheLastBuffer() throws Exception {
        // a whole number of read-ahead buffers: the last buffer read is full, and the end of the file
        // is only seen by the read after it, when the last buffer may have been sent already
        byte[] exact = bigTiff(4 * 256 * 1024);
        ContentStore store = store();
        Staged staged = store.stage(new ByteArrayInputStream(exact), 10_000_000);
        store.commit(staged);
        byte[] damaged = exact.clone();
        damaged[damaged.length - 1] ^= 0x01;
        Files.write(store.path(staged.sha256()), damaged);

        CountingStream out = new CountingStream();
        try (InputStream in = store.stream(staged.sha256(), staged.size())) {
            assertThatThrownBy(() -> in.transferTo(out))
                    .isInstanceOf(VerifyingInputStream.DamagedContentException.class);
        }
        assertThat(out.count).isLessThan(exact.length);
        // and longer than recorded: noticed too
        Files.write(store.path(staged.sha256()), java.util.Arrays.copyOf(exact, exact.length + 1));
        try (InputStream in = store.stream(staged.sha256(), staged.size())) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(VerifyingInputStream.DamagedContentException.class);
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** A TIFF header followed by noise: accepted by type, long enough to need several buffers. */
    private static byte[] bigTiff(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        System.arraycopy(new byte[] {'I', 'I', 42, 0}, 0, bytes, 0, 4);
        return bytes;
    }

    /** An executor with no thread free: transfers run on the caller's thread. */
    private static Executor refusing() {
        return task -> {
            throw new RejectedExecutionException("busy");
        };
    }

    @Test
    public void pathsAreOnlyEverBuiltFromChecksums() throws Exception {
        ContentStore store = store();
        assertThatThrownBy(() -> store.path("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.path("A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void sweepRemovesOldLeftoversAndUnreferencedContent() throws Exception {
        ContentStore store = store();
        Staged kept = store.stage(new ByteArrayInputStream(png), 1 << 20);
        store.commit(kept);
        byte[] other = Samples.png(Samples.page("Anderes Blatt"));
        Staged orphan = store.stage(new ByteArrayInputStream(other), 1 << 20);
        store.commit(orphan);
        Path leftover = Files.createTempFile(store.root().resolve("tmp"), "upload-", ".part");
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path p : new Path[] {store.path(kept.sha256()), store.path(orphan.sha256()), leftover}) {
            Files.setLastModifiedTime(p, old);
        }
        Staged fresh = store.stage(new ByteArrayInputStream(Samples.png(Samples.page("Neu"))), 1 << 20);
        store.commit(fresh); // unreferenced, but young: its record may be committing

        int removed = store.sweep(Duration.ofHours(1), Set.of(kept.sha256())::contains);

        assertThat(removed).isEqualTo(2);
        assertThat(store.exists(kept.sha256())).isTrue();
        assertThat(store.exists(orphan.sha256())).isFalse();
        assertThat(store.exists(fresh.sha256())).isTrue();
        assertThat(leftover).doesNotExist();
    }

    private static InputStream brokenAfter(byte[] bytes, int count) {
        return new InputStream() {
            int position;

            @Override
            public int read() throws IOException {
                if (position >= count) {
                    throw new IOException("connection reset");
                }
                return bytes[position++] & 0xFF;
            }
        };
    }

    private static long files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
