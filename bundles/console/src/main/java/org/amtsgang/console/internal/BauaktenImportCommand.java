package org.amtsgang.console.internal;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.amtsgang.document.api.BauaktenImports;
import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.dto.ImportJob;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * {@code amtsgang:bauakten-import <dir>}: imports a folder of scanned building files with its
 * metadata.csv, showing a progress bar and the time left. Safe to run again: what was imported is
 * skipped, so an interrupted import resumes.
 */
@Service
@Command(
        scope = "amtsgang",
        name = "bauakten-import",
        description = "Imports a folder of scanned Bauakten (PDF, TIFF, metadata.csv); run it again to resume.")
public class BauaktenImportCommand implements Action {

    private static final int BAR = 30;

    @Reference
    private BauaktenImports imports;

    @Argument(
            index = 0,
            name = "dir",
            description = "The folder (absolute, or relative to the current directory)",
            required = true)
    @Completion(FileCompleter.class)
    private String dir;

    @Override
    public Object execute() {
        Path folder = Paths.get(dir).toAbsolutePath().normalize();
        long started = System.nanoTime();
        ImportJob job;
        try {
            job = imports.run(Actors.operator(), folder.toString(), progress -> show(progress, started));
        } catch (DocumentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        System.out.println();
        System.out.println("Import " + job.id() + " " + job.state() + ": " + job.imported() + " files imported ("
                + job.pages() + " pages), " + job.skipped() + " imported before, " + job.failed() + " failed; "
                + job.ocrPending() + " files wait for OCR (thermal paper first).");
        for (String error : job.errors()) {
            System.out.println("  " + error);
        }
        return null;
    }

    private static void show(ImportJob job, long started) {
        int done = job.imported() + job.skipped() + job.failed();
        int total = Math.max(job.files(), 1);
        int filled = (int) ((long) BAR * done / total);
        long elapsed = System.nanoTime() - started;
        String eta = done == 0 ? "?" : Text.duration(Duration.ofNanos(elapsed / done * (total - done)));
        System.out.print("\r[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + done + "/" + job.files()
                + " files, " + job.pages() + " pages, " + job.failed() + " failed, ETA " + eta + "   ");
        System.out.flush();
    }
}
