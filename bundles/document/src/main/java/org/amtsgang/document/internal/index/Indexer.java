package org.amtsgang.document.internal.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.amtsgang.document.api.dto.RenditionKind;
import org.amtsgang.document.api.spi.DocumentIndex;
import org.amtsgang.document.api.spi.IndexChange;
import org.amtsgang.document.api.spi.IndexEntry;
import org.amtsgang.document.internal.Outbox;
import org.amtsgang.document.internal.content.ContentStore;
import org.amtsgang.document.internal.store.DocumentEntity;
import org.amtsgang.document.internal.store.DocumentStore;
import org.amtsgang.document.internal.store.IndexTodoEntity;
import org.amtsgang.document.internal.store.RenditionEntity;
import org.amtsgang.document.internal.store.VersionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in step with the store: replays the index outbox into the index service,
 * one batch at a time, and removes what the index made durable. While no index service is there the
 * outbox waits; a rebuild replays every document.
 */
public final class Indexer {

    private static final int BATCH = 200;

    private final Logger logger = LoggerFactory.getLogger(Indexer.class);
    private final DocumentStore store;
    private final ContentStore content;
    private final Function<DocumentEntity, Set<String>> readers;
    private final Function<String, Map<String, String>> fields;
    private final Outbox worker = new Outbox("amtsgang-document-index", this::drain);
    private volatile DocumentIndex index;

    public Indexer(
            DocumentStore store,
            ContentStore content,
            Function<DocumentEntity, Set<String>> readers,
            Function<String, Map<String, String>> fields) {
        this.store = store;
        this.content = content;
        this.readers = readers;
        this.fields = fields;
    }

    public void bind(DocumentIndex index) {
        this.index = index;
        worker.execute(this::fillIfEmpty);
        wake();
    }

    /**
     * An empty index beside a store with documents (a new index folder, or one emptied because it
     * was written in an older layout) is filled from the store, as a rebuild would.
     */
    private void fillIfEmpty() {
        try {
            DocumentIndex current = index;
            if (current != null
                    && current.size() == 0
                    && !store.documentIdsAfter("", 1).isEmpty()) {
                logger.warn("The search index is empty but the store holds documents: indexing them all again");
                rebuildNow();
            }
        } catch (RuntimeException e) {
            logger.warn(
                    "Could not check or fill the search index (amtsgang:documents-reindex does it): {}", e.toString());
        }
    }

    public void unbind(DocumentIndex index) {
        if (this.index == index) {
            this.index = null;
        }
    }

    public DocumentIndex index() {
        return index;
    }

    /** Replays the outbox soon. */
    public void wake() {
        worker.wake();
    }

    public void stop() throws InterruptedException {
        worker.stop();
    }

    /** Empties the index and indexes every document again; answers the entries written. */
    public long rebuild() {
        try {
            // on the index thread, so no outbox batch interleaves with the rebuild
            return worker.submit(this::rebuildNow).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("rebuilding the index failed: " + e.getCause(), e.getCause());
        }
    }

    private long rebuildNow() {
        DocumentIndex target = requireIndex();
        target.clear();
        long entries = 0;
        String after = "";
        while (true) {
            List<String> ids = store.documentIdsAfter(after, BATCH);
            if (ids.isEmpty()) {
                break;
            }
            List<IndexChange> changes = new ArrayList<>(ids.size());
            for (String id : ids) {
                IndexChange change = changeFor(id);
                entries += change.entries().size();
                changes.add(change);
            }
            target.apply(changes);
            after = ids.get(ids.size() - 1);
        }
        logger.info("Search index rebuilt: {} entries", entries);
        return entries;
    }

    private void drain() {
        try {
            while (index != null) {
                List<IndexTodoEntity> todos = store.indexTodos(BATCH);
                if (todos.isEmpty()) {
                    return;
                }
                Set<String> documents = new LinkedHashSet<>();
                List<Long> done = new ArrayList<>(todos.size());
                for (IndexTodoEntity todo : todos) {
                    documents.add(todo.documentId);
                    done.add(todo.id);
                }
                List<IndexChange> changes = new ArrayList<>(documents.size());
                for (String id : documents) {
                    changes.add(changeFor(id));
                }
                requireIndex().apply(changes);
                store.removeTodos(done);
            }
        } catch (RuntimeException e) {
            // the outbox keeps what was not applied; the next change or the component's timer retries
            logger.warn("Could not bring the search index up to date, will retry: {}", e.toString());
        }
    }

    private DocumentIndex requireIndex() {
        DocumentIndex current = index;
        if (current == null) {
            throw new IllegalStateException("no search index service");
        }
        return current;
    }

    /** The document's entries as the store has them now: one per page of its latest text. */
    IndexChange changeFor(String documentId) {
        DocumentEntity document = store.find(documentId).orElse(null);
        if (document == null || document.deletedAt != null) {
            return new IndexChange(documentId, List.of());
        }
        Set<String> keys = readers.apply(document);
        Map<String, String> metadata = fields.apply(document.fields);
        List<IndexEntry> entries = new ArrayList<>();
        if (document.latestVersion > 0) {
            VersionEntity latest =
                    store.version(documentId, document.latestVersion).orElse(null);
            RenditionEntity text = latest == null
                    ? null
                    : store.rendition(documentId, latest.number, RenditionKind.OCR_TEXT.name())
                            .orElse(null);
            if (text != null) {
                String[] pages = readText(text).split("\f", -1);
                for (int i = 0; i < pages.length; i++) {
                    if (!pages[i].isBlank()) {
                        entries.add(entry(document, latest.number, i + 1, metadata, pages[i].strip(), keys));
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            entries.add(entry(document, document.latestVersion, 0, metadata, "", keys));
        }
        return new IndexChange(documentId, entries);
    }

    private String readText(RenditionEntity text) {
        try {
            return new String(content.readSmall(text.sha256, text.size), StandardCharsets.UTF_8);
        } catch (IOException e) {
            logger.error(
                    "The OCR text of {} version {} cannot be read ({}); indexing its metadata only",
                    text.documentId,
                    text.versionNumber,
                    e.toString());
            return "";
        }
    }

    private static IndexEntry entry(
            DocumentEntity document, int version, int page, Map<String, String> fields, String text, Set<String> keys) {
        return new IndexEntry(
                document.id, version, page, document.title, document.type, document.officeId, fields, text, keys);
    }
}
