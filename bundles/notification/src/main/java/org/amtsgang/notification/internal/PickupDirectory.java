package org.amtsgang.notification.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/** The folder mails are written to, as .eml files, when no SMTP host is configured. */
final class PickupDirectory {

    private final Path folder;

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
     * Writes the message as {@code <name>.eml}, replacing a file of that name: the name must be a
     * plain file name. Written aside and moved into place, so that nobody reads half a mail.
     */
    Path write(MimeMessage message, String name) throws IOException, MessagingException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".eml");
        Path partial = Files.createTempFile(folder, ".partial-", ".tmp");
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

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
