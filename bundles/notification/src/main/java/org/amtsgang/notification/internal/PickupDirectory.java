package org.amtsgang.notification.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/** The folder mails are written to, as .eml files, when no SMTP host is configured. */
final class PickupDirectory {

    private final Path folder;
    /** Names the mails that have none of their own: unique within this run, the time across runs. */
    private final String run = Integer.toHexString(ThreadLocalRandom.current().nextInt());

    private final AtomicLong counter = new AtomicLong();
    /** Written since the last {@link #flush}: not yet known to be on disk. */
    private final ConcurrentHashMap.KeySetView<Path, Boolean> unsynced = ConcurrentHashMap.newKeySet();

    PickupDirectory(Path folder) {
        this.folder = folder;
    }

    static PickupDirectory of(SmtpConfig config) {
        return new PickupDirectory(
                config.pickupDirectory().isBlank()
                        ? Path.of(System.getProperty("karaf.data", "data"), "amtsgang", "mail")
                        : Path.of(config.pickupDirectory()));
    }

    Path folder() {
        return folder;
    }

    /**
     * Writes a mail that has no id of its own under a new name. Nobody waits for it to be on disk
     * (it is sent in the background), so {@link #flush} does not wait for it either.
     */
    Path write(MimeMessage message) throws IOException, MessagingException {
        return writeFile(message, System.currentTimeMillis() + "-" + run + "-" + counter.incrementAndGet());
    }

    /**
     * Writes the message as {@code <name>.eml}, replacing a file of that name: the name must be a
     * plain file name. On disk after the next {@link #flush}.
     */
    Path write(MimeMessage message, String name) throws IOException, MessagingException {
        Path file = writeFile(message, name);
        unsynced.add(file);
        return file;
    }

    /** Written aside and moved into place, so that nobody reads half a mail. */
    private Path writeFile(MimeMessage message, String name) throws IOException, MessagingException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".eml");
        // named after the mail, not by Files.createTempFile: that draws on the JDK's one locked random
        // generator, where the request threads queued too
        Path partial =
                folder.resolve(".partial-" + name + "-" + Thread.currentThread().getId() + ".tmp");
        try {
            // buffered: JavaMail writes a message a header line and a few bytes at a time, which
            // unbuffered were a system call each (about 60 per mail)
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(partial), 16 * 1024)) {
                message.writeTo(out);
            }
            move(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    /**
     * Puts every mail written so far on disk, with the folder's entries for them: an outbox records
     * a batch as sent only after this, so a crash loses none. One call per batch, not one per mail:
     * the file system's first sync writes most of the others' data along.
     */
    void flush() throws IOException {
        List<Path> files = new ArrayList<>(unsynced);
        if (files.isEmpty()) {
            return;
        }
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (NoSuchFileException e) {
                // taken away already (a mail transfer agent picked it up): nothing to keep
            }
        }
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        }
        files.forEach(unsynced::remove);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
