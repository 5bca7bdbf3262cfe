package org.amtsgang.document.api;

import java.util.List;
import java.util.function.Consumer;
import org.amtsgang.document.api.dto.ImportJob;
import org.amtsgang.document.api.dto.ScanRecord;
import org.amtsgang.identity.api.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Batch import of scanned building files (Bauakten): a folder of PDF and TIFF files with a
 * {@code metadata.csv}. An import is resumable and idempotent: a file already imported under its
 * Aktenzeichen is skipped, so running it again after a crash or with more files imports each file
 * once. Thermal-paper files go first, and their text is read first. For operators and staff of the
 * building office.
 */
@ProviderType
public interface BauaktenImports {

    /** The file every import folder holds, naming its files and their metadata. */
    String METADATA_FILE = "metadata.csv";

    /**
     * Starts importing a folder in the background; answers the job at once. A plain name is a folder
     * under the configured import directory; an absolute path is accepted from operators only.
     */
    ImportJob start(Caller caller, String folder);

    /** Imports a folder in the caller's thread, telling the progress after every file (the console). */
    ImportJob run(Caller caller, String folder, Consumer<ImportJob> progress);

    /** One import job, live: its counts and the OCR of its files. */
    ImportJob job(Caller caller, String jobId);

    /** The scan records of a document's pages (who scanned, device, time, hash, quality check). */
    List<ScanRecord> scans(Caller caller, String documentId);
}
