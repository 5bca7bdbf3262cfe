package org.amtsgang.document.internal.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content on disk, stored once per SHA-256 under {@code <root>/sha256/ab/cd/<checksum>}. New content
 * is received into {@code <root>/tmp} while it is hashed, then moved into place and synced, so a
 * file under its checksum is always complete. Stored files are never changed: a version is
 * immutable because its bytes are named by their hash.
 */
public final class ContentStore {

    /** Large enough to keep the disk and the digest busy, small enough for many parallel uploads. */
    private static final int BUFFER = 256 * 1024;

    private final Logger logger = LoggerFactory.getLogger(ContentStore.class);
    private final Path root;
    private final Path tmp;
    private final Executor io;

    /**
     * @param root the folder
     * @param io threads that read ahead of downloads and write behind uploads; when it refuses a
     *     task, the transfer runs on the caller's thread alone
     */
    public ContentStore(Path root, Executor io) {
        this.io = io;
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(this.root.resolve("sha256"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the document store under " + this.root, e);
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Receives content into a temporary file, hashing it and checking its size and type as it
     * comes. Refused content leaves nothing behind.
     */
    public Staged stage(InputStream in, long maxBytes) throws IOException, ContentRefused {
        Path file = Files.createTempFile(tmp, "upload-", ".part");
        boolean kept = false;
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE);
                WriteBehind writer = new WriteBehind(out, io, BUFFER)) {
            MessageDigest digest = Sha256.newDigest();
            byte[] head = new byte[ContentType.HEAD_BYTES];
            int headLength = 0;
            long size = 0;
            while (true) {
                byte[] buffer = writer.buffer();
                // whole buffers: a request body arrives a few KB per read, and a system call and a
                // hand-over per few KB would cost more than the copying itself
                int n = in.readNBytes(buffer, 0, buffer.length);
                if (headLength < head.length) {
                    int take = Math.min(n, head.length - headLength);
                    System.arraycopy(buffer, 0, head, headLength, take);
                    headLength += take;
                    if (headLength == head.length) {
                        refuseUnknownType(head, headLength);
                    }
                }
                size += n;
                if (size > maxBytes) {
                    throw new ContentRefused(
                            ContentRefused.Why.TOO_LARGE,
                            "The file is larger than the " + maxBytes + " bytes accepted.");
                }
                // hashed here, written there: the two take about as long, so each thread has half
                digest.update(buffer, 0, n);
                writer.write(buffer, n);
                if (n < buffer.length) {
                    break;
                }
            }
            if (size == 0) {
                throw new ContentRefused(ContentRefused.Why.EMPTY, "The file is empty.");
            }
            ContentType type = refuseUnknownType(head, headLength);
            writer.finish();
            kept = true;
            return new Staged(file, HexFormat.of().formatHex(digest.digest()), size, type);
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Stores bytes made here (e.g. OCR text) the same way; answers their checksum. */
    public String put(byte[] bytes) throws IOException {
        String sha = Sha256.hex(bytes);
        if (Files.exists(path(sha))) {
            return sha;
        }
        Path file = Files.createTempFile(tmp, "derived-", ".part");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer all = ByteBuffer.wrap(bytes);
            while (all.hasRemaining()) {
                out.write(all);
            }
            out.force(false);
        }
        moveIntoPlace(file, sha);
        return sha;
    }

    /** Moves staged content under its checksum (where the same bytes may already be). */
    public void commit(Staged staged) throws IOException {
        moveIntoPlace(staged.file(), staged.sha256());
    }

    /** Drops staged content that is not going to be stored. */
    public void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged.file());
        } catch (IOException e) {
            logger.warn("Could not delete the temporary file {}: {}", staged.file(), e.toString());
        }
    }

    /** The stored content, verified against its checksum and size as it is read. */
    public InputStream open(String sha256, long size) throws IOException {
        return new VerifyingInputStream(Files.newInputStream(path(sha256)), sha256, size);
    }

    /**
     * The stored content for sending: read and verified a few buffers ahead on an I/O thread, so
     * that hashing it does not hold up the writing to the client.
     */
    public InputStream stream(String sha256, long size) throws IOException {
        return ReadAhead.of(open(sha256, size), io, BUFFER);
    }

    /** Reads the stored content once to its end: throws if it is missing or its bytes are damaged. */
    public void verify(String sha256, long size) throws IOException {
        try (InputStream in = open(sha256, size)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Reads stored content whole and verified: only for small content such as OCR text. */
    public byte[] readSmall(String sha256, long size) throws IOException {
        try (InputStream in = open(sha256, size)) {
            return in.readAllBytes();
        }
    }

    /** The file stored under a checksum (for tools that need a path, such as the OCR engine). */
    public Path path(String sha256) {
        if (!Sha256.isHex(sha256)) {
            // checksums come from the database; anything else must never become a path
            throw new IllegalArgumentException("not a SHA-256 checksum: " + sha256);
        }
        return root.resolve("sha256")
                .resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4))
                .resolve(sha256);
    }

    public boolean exists(String sha256) {
        return Files.exists(path(sha256));
    }

    /** Removes content no version or rendition uses any more. */
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }

    /**
     * Removes temporary files older than the given age (left by a crash mid-upload) and stored
     * content that is not referenced, also older than the age (its record may be committing).
     *
     * @return how many files were removed
     */
    public int sweep(Duration olderThan, Predicate<String> referenced) throws IOException {
        Instant before = Instant.now().minus(olderThan);
        int removed = 0;
        try (Stream<Path> files = Files.list(tmp)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        try (Stream<Path> files = Files.walk(root.resolve("sha256"), 3)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (Sha256.isHex(name)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(before)
                        && !referenced.test(name)) {
                    logger.info("Removing stored content {} that no document references", name);
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        }
        return removed;
    }

    private void moveIntoPlace(Path file, String sha) throws IOException {
        Path target = path(sha);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        if (Files.exists(target)) {
            // the same bytes are stored already: one copy serves every version
            Files.deleteIfExists(file);
            return;
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(file);
            return;
        }
        syncDirectory(dir);
    }

    /** Makes the new name durable: without it a crash can lose a rename already acknowledged. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open directories; the data itself is synced already
        }
    }

    private static ContentType refuseUnknownType(byte[] head, int length) throws ContentRefused {
        return ContentType.detect(head, length)
                .orElseThrow(() -> new ContentRefused(
                        ContentRefused.Why.UNSUPPORTED_TYPE,
                        "Only PDF, TIFF, PNG and JPEG files are accepted; this file's content is none of them."));
    }
}
