package org.amtsgang.document.internal.ocr;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When OCR of a file could not run (an I/O error around Tesseract, not a page it could not read):
 * when to try again, and when to give up. Without this, a file that always fails was taken up again
 * at once, because it is the most urgent one waiting, and held a worker (and the log) for good.
 *
 * <p>Kept in memory: after a restart every pending file is tried afresh, which is what an operator
 * who has removed the cause (freed the disk) wants.
 */
public final class OcrRetries {

    private static final long LONGEST_DELAY_MILLIS = Duration.ofHours(1).toMillis();

    private record Failures(int count, long notBeforeMillis) {}

    private final int attempts;
    private final long firstDelayMillis;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /**
     * @param attempts how many attempts a file gets in all
     * @param firstDelay wait before the second attempt; doubled for every further one
     */
    public OcrRetries(int attempts, Duration firstDelay) {
        this.attempts = Math.max(1, attempts);
        this.firstDelayMillis = Math.max(0, firstDelay.toMillis());
    }

    /**
     * Records a failed attempt.
     *
     * @return the failed attempts so far, or 0 when that was the last attempt allowed (then the file
     *     is forgotten here and must be marked failed)
     */
    int failed(String key, long nowMillis) {
        Failures f = failures.compute(key, (k, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            long delay = Math.min(LONGEST_DELAY_MILLIS, firstDelayMillis << Math.min(20, count - 1));
            return new Failures(count, nowMillis + delay);
        });
        if (f.count() >= attempts) {
            failures.remove(key);
            return 0;
        }
        return f.count();
    }

    /** How long until the file may be tried again; zero when it may be tried now. */
    long waitMillis(String key, long nowMillis) {
        Failures f = failures.get(key);
        return f == null ? 0 : Math.max(0, f.notBeforeMillis() - nowMillis);
    }

    /** The file's OCR ran (to text or to a page Tesseract could not read): nothing to remember. */
    void ran(String key) {
        failures.remove(key);
    }

    /** How many files wait for another attempt. */
    int waiting() {
        return failures.size();
    }

    int attempts() {
        return attempts;
    }
}
