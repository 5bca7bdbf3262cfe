package org.amtsgang.document.internal.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.amtsgang.document.api.dto.OcrStatus;
import org.amtsgang.document.api.dto.RenditionKind;
import org.amtsgang.document.internal.DaemonThreads;
import org.amtsgang.document.internal.content.ContentStore;
import org.amtsgang.document.internal.content.ContentType;
import org.amtsgang.document.internal.content.Staged;
import org.amtsgang.document.internal.store.DocumentStore;
import org.amtsgang.document.internal.store.RenditionEntity;
import org.amtsgang.document.internal.store.VersionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of OCR workers, off the request path. The queue is the database (versions whose OCR
 * is PENDING, most urgent first), so nothing waiting is lost in a crash and a version is read again
 * after one. Without an OCR engine the versions stay PENDING; the engine is looked for again every
 * few minutes, so installing Tesseract later needs no restart. A file whose OCR cannot run (an I/O
 * error) is tried again after a growing delay and marked FAILED after the last attempt
 * ({@link OcrRetries}).
 */
public final class OcrWorkers {

    private static final Duration ENGINE_RECHECK = Duration.ofMinutes(5);
    private static final long POLL_SECONDS = 10;

    private final Logger logger = LoggerFactory.getLogger(OcrWorkers.class);
    private final DocumentStore store;
    private final ContentStore content;
    private final Tesseract tesseract;
    private final int workers;
    private final OcrRetries retries;
    private final Path workDir;
    private final Runnable indexSoon;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService pool;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pollQueued = new AtomicBoolean();
    private volatile long engineCheckedAt;
    private volatile Optional<String> engineMissing = Optional.of("not checked yet");

    public OcrWorkers(
            DocumentStore store,
            ContentStore content,
            Tesseract tesseract,
            int workers,
            OcrRetries retries,
            Path workDir,
            Runnable indexSoon) {
        this.store = store;
        this.content = content;
        this.tesseract = tesseract;
        this.workers = Math.max(1, workers);
        this.retries = retries;
        this.workDir = workDir;
        this.indexSoon = indexSoon;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("amtsgang-ocr-queue"));
        this.pool = Executors.newFixedThreadPool(this.workers, DaemonThreads.named("amtsgang-ocr-worker"));
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::poll, 1, POLL_SECONDS, TimeUnit.SECONDS);
    }

    /** Something new is waiting: look now rather than at the next poll. */
    public void wake() {
        if (pollQueued.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    pollQueued.set(false);
                    poll();
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                pollQueued.set(false);
            }
        }
    }

    public void stop() throws InterruptedException {
        // no interrupt: embedded Derby closes a connection whose thread is interrupted mid-statement
        scheduler.shutdown();
        pool.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    private void poll() {
        try {
            if (!engineReady()) {
                return;
            }
            int free = workers - inFlight.size();
            if (free <= 0) {
                return;
            }
            List<VersionEntity> pending = store.pendingOcr(workers * 2 + inFlight.size() + retries.waiting());
            long now = System.currentTimeMillis();
            for (VersionEntity version : pending) {
                if (free == 0) {
                    break;
                }
                String key = version.documentId + "/" + version.number;
                if (retries.waitMillis(key, now) > 0) {
                    continue; // its last attempt could not run; the next poll after its delay takes it
                }
                if (inFlight.add(key)) {
                    free--;
                    pool.execute(() -> work(version, key));
                }
            }
        } catch (RuntimeException e) {
            logger.warn("Could not look for documents waiting for OCR: {}", e.toString());
        }
    }

    private boolean engineReady() {
        long now = System.currentTimeMillis();
        if (engineMissing.isPresent() && now - engineCheckedAt > ENGINE_RECHECK.toMillis()) {
            engineFound(now, tesseract.unavailable());
        }
        return engineMissing.isEmpty();
    }

    /** Records whether the engine works (empty) or why not, as seen at the time. */
    private void engineFound(long at, Optional<String> missing) {
        engineCheckedAt = at;
        engineMissing = missing;
        if (missing.isPresent()) {
            logger.warn("OCR is not available, documents stay OCR-pending until it is: {}", missing.get());
        } else {
            logger.info("OCR engine found; {} workers read pending documents", workers);
        }
    }

    private void work(VersionEntity version, String key) {
        try {
            long started = System.nanoTime();
            List<RenditionEntity> renditions = new java.util.ArrayList<>();
            tesseract.read(content.path(version.sha256), ContentType.of(version.contentType), workDir, result -> {
                byte[] bytes = result.text().getBytes(StandardCharsets.UTF_8);
                renditions.add(rendition(
                        version,
                        RenditionKind.OCR_TEXT,
                        "text/plain; charset=UTF-8",
                        bytes.length,
                        content.put(bytes)));
                if (result.pdf() != null) {
                    renditions.add(pdfA(version, result.pdf()));
                }
            });
            store.ocrDone(version.documentId, version.number, OcrStatus.DONE.name(), null, renditions);
            retries.ran(key);
            logger.debug(
                    "OCR of {} ({} pages) took {} ms",
                    key,
                    version.pages,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            indexSoon.run();
        } catch (Tesseract.OcrFailed e) {
            logger.warn("OCR of {} failed: {}{}", key, e.getMessage(), e.detail() == null ? "" : ": " + e.detail());
            retries.ran(key);
            store.ocrDone(
                    version.documentId, version.number, OcrStatus.FAILED.name(), truncate(e.getMessage()), List.of());
        } catch (Tesseract.EngineUnavailable e) {
            // not the file's fault: it stays waiting, and the engine is looked at again later
            engineFound(System.currentTimeMillis(), Optional.of(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            couldNotRun(version, key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.remove(key);
            wake();
        }
    }

    /**
     * Stays PENDING for another attempt after a delay, or is marked FAILED after the last one (an
     * operator puts it back with {@code amtsgang:documents-ocr-retry}).
     */
    private void couldNotRun(VersionEntity version, String key, Exception e) {
        int attempt = retries.failed(key, System.currentTimeMillis());
        if (attempt > 0) {
            long wait = retries.waitMillis(key, System.currentTimeMillis());
            logger.warn(
                    "OCR of {} could not run (attempt {} of {}), will try again in {} s: {}",
                    key,
                    attempt,
                    retries.attempts(),
                    (wait + 999) / 1000,
                    e.toString());
            try {
                scheduler.schedule(this::wake, wait + 1, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // stopping: tried afresh after the restart
            }
            return;
        }
        logger.warn("OCR of {} could not run in {} attempts, marked failed: {}", key, retries.attempts(), e.toString());
        try {
            store.ocrDone(
                    version.documentId,
                    version.number,
                    OcrStatus.FAILED.name(),
                    "OCR could not run in " + retries.attempts() + " attempts (an I/O error; the platform's"
                            + " log has the details)",
                    List.of());
        } catch (RuntimeException stillFailing) {
            // stays PENDING and is tried afresh after a restart
            logger.warn("Could not mark the OCR of {} failed: {}", key, stillFailing.toString());
        }
    }

    /** The searchable PDF, marked PDF/A, stored as content of its own beside the original. */
    private RenditionEntity pdfA(VersionEntity version, Path pdf) throws IOException {
        Path marked = pdf.resolveSibling("pdfa.pdf");
        PdfA.mark(pdf, marked, version.fileName);
        Staged staged;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(marked)) {
            staged = content.stage(in, Long.MAX_VALUE);
        } catch (org.amtsgang.document.internal.content.ContentRefused e) {
            throw new IOException("Tesseract's PDF is not a PDF: " + e.getMessage(), e);
        }
        content.commit(staged);
        return rendition(version, RenditionKind.PDF_A, ContentType.PDF.mediaType(), staged.size(), staged.sha256());
    }

    private static RenditionEntity rendition(
            VersionEntity version, RenditionKind kind, String contentType, long size, String sha256) {
        RenditionEntity rendition = new RenditionEntity();
        rendition.documentId = version.documentId;
        rendition.versionNumber = version.number;
        rendition.kind = kind.name();
        rendition.contentType = contentType;
        rendition.size = size;
        rendition.sha256 = sha256;
        rendition.createdAt = System.currentTimeMillis();
        return rendition;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
