package org.amtsgang.document.search.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amtsgang.document.api.dto.SearchHit;
import org.amtsgang.document.api.spi.IndexChange;
import org.amtsgang.document.api.spi.IndexHits;
import org.amtsgang.document.api.spi.IndexQuery;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;

/**
 * One open Lucene index: a single writer for its whole life and a searcher manager over it, so
 * searches share warm readers and see every change once {@link #apply} returns.
 */
final class LuceneIndex implements Closeable {

    /** Offset plus limit: deeper pages cost memory per query and nobody reads them. */
    static final int MAX_WINDOW = 10_000;

    private static final String LAYOUT_KEY = "amtsgang.layout";

    private static final Set<String> HIT_FIELDS =
            Set.of(Fields.DOC, Fields.VERSION, Fields.PAGE, Fields.TITLE, Fields.TYPE, Fields.TEXT);

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** One writer of changes at a time, so that a commit and a refresh belong to one apply. */
    private final Object writing = new Object();

    private final boolean emptiedOldLayout;

    private LuceneIndex(
            Directory directory,
            Analyzer analyzer,
            IndexWriter writer,
            SearcherManager searchers,
            boolean emptiedOldLayout) {
        this.directory = directory;
        this.analyzer = analyzer;
        this.writer = writer;
        this.searchers = searchers;
        this.emptiedOldLayout = emptiedOldLayout;
    }

    /**
     * Opens (or creates) the index in a folder.
     *
     * @param fresh start empty, deleting whatever the folder holds (a rebuild of a broken index)
     */
    static LuceneIndex open(Path path, double ramBufferMb, boolean fresh) throws IOException {
        Files.createDirectories(path);
        if (fresh) {
            wipe(path);
        }
        Directory directory = FSDirectory.open(path);
        Analyzer analyzer = new GermanAnalyzer();
        IndexWriter writer = null;
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(fresh ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb);
            writer = new IndexWriter(directory, config);
            boolean oldLayout = !Fields.LAYOUT.equals(layout(writer)) && writer.getDocStats().numDocs > 0;
            if (oldLayout) {
                // its documents lack fields that queries now use: the store fills it again
                writer.deleteAll();
            }
            // kept by the writer and written with every commit from now on
            writer.setLiveCommitData(Map.of(LAYOUT_KEY, Fields.LAYOUT).entrySet());
            writer.commit(); // a new folder becomes a valid (empty) index on disk right away
            return new LuceneIndex(directory, analyzer, writer, new SearcherManager(writer, null), oldLayout);
        } catch (IOException | RuntimeException e) {
            closeQuietly(e, writer, analyzer, directory);
            throw e;
        }
    }

    private static String layout(IndexWriter writer) {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) {
            for (Map.Entry<String, String> e : data) {
                if (LAYOUT_KEY.equals(e.getKey())) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    /** Whether opening emptied an index written in an older layout (it needs to be filled again). */
    boolean emptiedOldLayout() {
        return emptiedOldLayout;
    }

    /**
     * Deletes the files of a damaged index, which Lucene cannot open even to overwrite it. Holds the
     * index's lock meanwhile, so that nothing is deleted under another process's writer, and deletes
     * only what is named like Lucene's files, in case the folder was configured wrongly.
     */
    private static void wipe(Path path) throws IOException {
        try (Directory directory = FSDirectory.open(path);
                Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            for (String file : directory.listAll()) {
                if (file.startsWith(IndexFileNames.SEGMENTS)
                        || file.startsWith(IndexFileNames.PENDING_SEGMENTS)
                        || IndexFileNames.CODEC_FILE_PATTERN.matcher(file).matches()) {
                    lock.ensureValid();
                    directory.deleteFile(file);
                }
            }
        }
    }

    void apply(List<IndexChange> changes) throws IOException {
        changes.forEach(EntryDocuments::check); // all or nothing reaches the writer
        if (changes.isEmpty()) {
            return;
        }
        synchronized (writing) {
            for (IndexChange change : changes) {
                Term document = new Term(Fields.DOC, change.documentId());
                if (change.entries().isEmpty()) {
                    writer.deleteDocuments(document);
                } else {
                    // deletes the old pages and adds the new ones atomically: no reader sees both or neither
                    writer.updateDocuments(document, EntryDocuments.of(change));
                }
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
        }
    }

    void clear() throws IOException {
        synchronized (writing) {
            writer.deleteAll();
            writer.commit();
            searchers.maybeRefreshBlocking();
        }
    }

    long size() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    IndexHits search(IndexQuery q) throws IOException {
        if (q.offset() < 0 || q.limit() < 0 || (long) q.offset() + q.limit() > MAX_WINDOW) {
            throw new IllegalArgumentException("Offset and limit are at least 0 and together at most " + MAX_WINDOW
                    + ", not " + q.offset() + " and " + q.limit() + ".");
        }
        SearchQueries.Plan plan = SearchQueries.of(q, analyzer);
        if (plan.matchesNothing()) {
            return new IndexHits(List.of(), 0);
        }
        IndexSearcher searcher = searchers.acquire();
        try {
            int window = q.offset() + q.limit();
            if (window == 0) {
                return new IndexHits(List.of(), searcher.count(plan.query()));
            }
            TopDocs top = plan.sort() == null
                    ? searcher.search(plan.query(), window)
                    : searcher.search(plan.query(), window, plan.sort());
            // counted exactly up to 1000 hits; beyond, "at least": a second pass that counts every
            // one of 100,000 matches cost more than finding the best ones (half of a search's time)
            return new IndexHits(
                    hits(searcher, top, q.offset(), plan),
                    top.totalHits.value,
                    top.totalHits.relation == TotalHits.Relation.EQUAL_TO);
        } finally {
            searchers.release(searcher);
        }
    }

    private List<SearchHit> hits(IndexSearcher searcher, TopDocs top, int offset, SearchQueries.Plan plan)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>();
        for (int i = offset; i < top.scoreDocs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            Document d = stored.document(sd.doc, HIT_FIELDS);
            hits.add(new SearchHit(
                    d.get(Fields.DOC),
                    d.getField(Fields.VERSION).numericValue().intValue(),
                    d.getField(Fields.PAGE).numericValue().intValue(),
                    d.get(Fields.TITLE),
                    d.get(Fields.TYPE),
                    Snippets.of(analyzer, d.get(Fields.TEXT), plan.words()),
                    plan.sort() == null ? sd.score : 0f));
        }
        return hits;
    }

    /** False once the writer gave up (a tragic error such as a full disk): the index must be reopened. */
    boolean isOpen() {
        return writer.isOpen();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Closeable c : new Closeable[] {searchers, writer, analyzer, directory}) {
            try {
                c.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(Exception cause, Closeable... closeables) {
        for (Closeable c : closeables) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException | RuntimeException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }
}
