package org.amtsgang.document.internal.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Takes content into the store, the same way for uploads and imports: received and hashed, checked
 * (type, size, decompression bombs), then stored under its checksum. Refused content leaves nothing.
 */
public final class Intake {

    /**
     * Content now in the store.
     *
     * @param content what was received
     * @param inspection its pages and their estimated resolution
     */
    public record Accepted(Staged content, Inspector.Inspection inspection) {}

    private final ContentStore store;
    private final Inspector inspector;

    public Intake(ContentStore store, Inspector inspector) {
        this.store = store;
        this.inspector = inspector;
    }

    /**
     * @throws IOException if reading the input failed (e.g. an upload broke off)
     * @throws ContentRefused if the content is not accepted
     * @throws UncheckedIOException if the store could not keep it (a fault of this side)
     */
    public Accepted accept(InputStream in, long maxBytes) throws IOException, ContentRefused {
        Staged staged = store.stage(in, maxBytes);
        try {
            Inspector.Inspection inspection = inspector.inspect(staged.file(), staged.type());
            store.commit(staged);
            return new Accepted(staged, inspection);
        } catch (ContentRefused | RuntimeException e) {
            store.discard(staged);
            throw e;
        } catch (IOException e) {
            store.discard(staged);
            throw new UncheckedIOException("could not store the content", e);
        }
    }
}
