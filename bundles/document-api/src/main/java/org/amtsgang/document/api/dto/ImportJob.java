package org.amtsgang.document.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * A Bauakten import and how far it is.
 *
 * @param id its id
 * @param folder the folder imported
 * @param state RUNNING, DONE, FAILED (the folder could not be read) or INTERRUPTED (by a restart: run
 *     it again, it resumes)
 * @param files files named in the metadata
 * @param imported files imported by this job
 * @param skipped files imported before (same Aktenzeichen and content)
 * @param failed files refused, with the reasons in {@code errors}
 * @param pages pages imported
 * @param ocrPending files of this job whose text is still to be read
 * @param ocrDone files whose text was read
 * @param ocrFailed files whose text could not be read
 * @param started when it started
 * @param finished when it ended, or {@code null}
 * @param errors what went wrong, per file (the first 100)
 */
public record ImportJob(
        String id,
        String folder,
        String state,
        int files,
        int imported,
        int skipped,
        int failed,
        long pages,
        long ocrPending,
        long ocrDone,
        long ocrFailed,
        Instant started,
        Instant finished,
        List<String> errors) {

    public ImportJob {
        errors = List.copyOf(errors);
    }
}
