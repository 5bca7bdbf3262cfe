package org.amtsgang.document.search.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.amtsgang.document.api.spi.DocumentIndex;
import org.amtsgang.document.api.spi.IndexChange;
import org.amtsgang.document.api.spi.IndexHits;
import org.amtsgang.document.api.spi.IndexQuery;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.LockObtainFailedException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document index on an embedded Lucene index in a local folder.
 *
 * <p>An index that cannot be opened (corrupt, from another Lucene, locked by another process) does
 * not fail the component: that would take the document area down with it, or make DS retry at every
 * lookup. The component stays up, says once at ERROR what to do, fails each call with that message,
 * and tries to open the index again at the next call. {@link #clear()}, the first step of a rebuild,
 * deletes a broken index's files and starts afresh.
 */
@Component(service = DocumentIndex.class, configurationPid = SearchConfig.PID)
@Designate(ocd = SearchConfig.class)
public final class LuceneDocumentIndex implements DocumentIndex {

    private final Logger logger = LoggerFactory.getLogger(LuceneDocumentIndex.class);
    private final Path directory;
    private final double ramBufferMb;
    /** Guards opening and closing; searches and changes run outside it. */
    private final Object lifecycle = new Object();

    private volatile LuceneIndex index; // null while it cannot be opened
    private String lastFailure; // said at ERROR once, not at every call
    private boolean closed;

    @Activate
    public LuceneDocumentIndex(SearchConfig config) {
        this(directory(config), config.ramBufferMb());
    }

    LuceneDocumentIndex(Path directory, double ramBufferMb) {
        this.directory = directory.toAbsolutePath();
        this.ramBufferMb = Math.max(1, Math.min(1024, ramBufferMb));
        try {
            index();
            logger.info("Document index in {} holds {} pages", this.directory, size());
        } catch (IllegalStateException e) {
            // logged by open(); callers get the reason until the index can be opened
        }
    }

    /** The configured folder, or {@code ${karaf.data}/amtsgang/search-index}. */
    static Path directory(SearchConfig config) {
        String configured = config.directory() == null ? "" : config.directory().trim();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("karaf.data", "data"), "amtsgang", "search-index");
    }

    @Deactivate
    void deactivate() {
        synchronized (lifecycle) {
            closed = true;
            if (index != null) {
                try {
                    index.close();
                } catch (IOException e) {
                    logger.warn("Closing the document index in {} failed", directory, e);
                }
                index = null;
            }
        }
    }

    @Override
    public void apply(List<IndexChange> changes) {
        LuceneIndex i = index();
        try {
            i.apply(changes);
        } catch (IOException | AlreadyClosedException e) {
            throw failed(i, e);
        }
    }

    @Override
    public IndexHits search(IndexQuery query) {
        LuceneIndex i = index();
        try {
            return i.search(query);
        } catch (IOException | AlreadyClosedException e) {
            throw failed(i, e);
        }
    }

    @Override
    public void clear() {
        synchronized (lifecycle) {
            if (index == null && !closed) {
                index = open(true); // a rebuild needs nothing of what was there
                return;
            }
        }
        LuceneIndex i = index();
        try {
            i.clear();
        } catch (IOException | AlreadyClosedException e) {
            throw failed(i, e);
        }
    }

    @Override
    public long size() {
        LuceneIndex i = index();
        try {
            return i.size();
        } catch (IOException | AlreadyClosedException e) {
            throw failed(i, e);
        }
    }

    private LuceneIndex index() {
        LuceneIndex i = index;
        if (i != null) {
            return i;
        }
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("The document index is closed.");
            }
            if (index == null) {
                index = open(false);
            }
            return index;
        }
    }

    /** Opens the index, or says once why not. Called holding {@link #lifecycle}. */
    private LuceneIndex open(boolean fresh) {
        try {
            LuceneIndex opened = LuceneIndex.open(directory, ramBufferMb, fresh);
            if (opened.emptiedOldLayout()) {
                logger.warn(
                        "The document index in {} was written by an older version of Amtsgang and has been"
                                + " emptied; the document service fills it again from the document store",
                        directory);
            }
            if (lastFailure != null) {
                logger.info("The document index in {} is usable again", directory);
                lastFailure = null;
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            String reason = reason(e);
            if (!reason.equals(lastFailure)) {
                logger.error(reason, e);
                lastFailure = reason;
            } else {
                logger.debug(reason, e);
            }
            throw new IllegalStateException(reason, e);
        }
    }

    /** A failure while open; a writer that gave up is dropped so that the next call reopens. */
    private IllegalStateException failed(LuceneIndex i, Exception e) {
        synchronized (lifecycle) {
            if (closed) {
                return new IllegalStateException("The document index is closed.", e); // a call racing the stop
            }
            if (!i.isOpen() && index == i) {
                index = null;
                try {
                    i.close();
                } catch (IOException | RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
        }
        String reason = reason(e);
        logger.error(reason, e);
        return new IllegalStateException(reason, e);
    }

    private String reason(Exception e) {
        if (e instanceof LockObtainFailedException) {
            return "The document index in " + directory + " is locked by another process (is a second Karaf using"
                    + " the same data folder?): stop it, or set 'directory' in etc/" + SearchConfig.PID
                    + ".cfg to another folder and run amtsgang:documents-reindex. (" + e.getMessage() + ")";
        }
        String what = e instanceof CorruptIndexException
                        || e instanceof IndexFormatTooOldException
                        || e instanceof IndexFormatTooNewException
                ? "is damaged or from another Lucene version"
                : "cannot be used";
        return "The document index in " + directory + " " + what + ": delete that folder and run"
                + " amtsgang:documents-reindex to rebuild it from the document store. (" + e + ")";
    }
}
