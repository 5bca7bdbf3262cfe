package org.amtsgang.document.api.spi;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A full-text index of documents, one entry per page. The document area is its only writer: it
 * replays changes from its own outbox, so an index may lose what it had not yet made durable and
 * can always be rebuilt from the store.
 */
@ConsumerType
public interface DocumentIndex {

    /**
     * Applies changes, in order; durable when this returns. Each change replaces all entries of its
     * document (none: the document leaves the index).
     */
    void apply(List<IndexChange> changes);

    /** Matches, restricted to entries that carry at least one of the query's reader keys. */
    IndexHits search(IndexQuery query);

    /** Removes every entry, before a rebuild. */
    void clear();

    /** How many entries (pages) the index holds. */
    long size();
}
