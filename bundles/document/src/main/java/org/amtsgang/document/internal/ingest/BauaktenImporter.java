package org.amtsgang.document.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.amtsgang.document.api.dto.Confidentiality;
import org.amtsgang.document.api.dto.OcrStatus;
import org.amtsgang.document.api.dto.RetentionRule;
import org.amtsgang.document.internal.content.ContentRefused;
import org.amtsgang.document.internal.content.FileNames;
import org.amtsgang.document.internal.content.Inspector;
import org.amtsgang.document.internal.content.Intake;
import org.amtsgang.document.internal.content.Staged;
import org.amtsgang.document.internal.store.DocumentEntity;
import org.amtsgang.document.internal.store.ImportEntity;
import org.amtsgang.document.internal.store.ImportStore;
import org.amtsgang.document.internal.store.ImportedEntity;
import org.amtsgang.document.internal.store.ScanEntity;
import org.amtsgang.document.internal.store.VersionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one folder of scanned building files: thermal-paper files first (their text fades), each
 * file once per Aktenzeichen and content, each stored with its scan records in one transaction, so
 * a crash loses at most the file in hand and a second run resumes where the first stopped.
 */
public final class BauaktenImporter {

    /** Higher than anything else waiting: a thermal-paper scan is read before all others. */
    static final int THERMAL_PRIORITY = 100;

    private static final Set<String> THERMAL = Set.of("thermo", "thermal", "thermopapier", "thermodruck");
    private static final int MIN_DPI = 200;
    private static final int MAX_ERRORS = 100;
    private static final long SAVE_EVERY_MILLIS = 1000;
    private static final ZoneId CITY_TIME = ZoneId.of("Europe/Berlin");

    /**
     * What an import needs from the document area.
     *
     * @param office the building office the files belong to
     * @param maxBytes the largest file accepted
     * @param ids new document ids
     * @param stored called after every stored file (wakes OCR and the index)
     * @param stopping whether the platform is stopping: the job ends INTERRUPTED after the file in hand
     */
    public record Settings(
            String office, long maxBytes, Supplier<String> ids, Runnable stored, BooleanSupplier stopping) {}

    private final Logger logger = LoggerFactory.getLogger(BauaktenImporter.class);
    private final ImportStore store;
    private final Intake intake;
    private final Settings settings;

    public BauaktenImporter(ImportStore store, Intake intake, Settings settings) {
        this.store = store;
        this.intake = intake;
        this.settings = settings;
    }

    /** Runs a job whose row exists, telling the progress after every file. */
    public void run(ImportEntity job, Path folder, Consumer<ImportEntity> progress) {
        List<String> errors = new ArrayList<>();
        List<MetadataCsv.Row> rows;
        try {
            rows = new ArrayList<>(MetadataCsv.read(folder.resolve("metadata.csv")));
        } catch (IOException | MetadataCsv.Unreadable e) {
            errors.add("metadata.csv: " + e.getMessage());
            finish(job, "FAILED", errors, progress);
            return;
        }
        // thermal paper first; otherwise the order of the sheet (a stable sort keeps it)
        rows.sort(Comparator.comparing(row -> !thermal(row)));
        job.files = rows.size();
        store.saveJob(job);
        long savedAt = System.currentTimeMillis();
        for (MetadataCsv.Row row : rows) {
            if (settings.stopping().getAsBoolean()) {
                finish(job, "INTERRUPTED", errors, progress);
                return;
            }
            try {
                importRow(job, folder, row);
            } catch (Refused e) {
                job.failed++;
                if (errors.size() < MAX_ERRORS) {
                    errors.add("line " + row.line() + " (" + row.get("datei") + "): " + e.getMessage());
                }
            } catch (IOException | RuntimeException e) {
                job.failed++;
                logger.warn("Import {}: line {} ({}) failed: {}", job.id, row.line(), row.get("datei"), e.toString());
                if (errors.size() < MAX_ERRORS) {
                    errors.add("line " + row.line() + " (" + row.get("datei") + "): " + e);
                }
            }
            job.errors = String.join("\n", errors);
            progress.accept(job);
            if (System.currentTimeMillis() - savedAt > SAVE_EVERY_MILLIS) {
                store.saveJob(job);
                savedAt = System.currentTimeMillis();
            }
        }
        finish(job, "DONE", errors, progress);
        logger.info(
                "Import {} of {}: {} files imported, {} skipped (imported before), {} failed, {} pages",
                job.id,
                folder,
                job.imported,
                job.skipped,
                job.failed,
                job.pages);
    }

    private void finish(ImportEntity job, String state, List<String> errors, Consumer<ImportEntity> progress) {
        job.state = state;
        job.errors = truncate(String.join("\n", errors), 8000);
        job.finishedAt = System.currentTimeMillis();
        store.saveJob(job);
        progress.accept(job);
    }

    /** A row that cannot be imported, for a reason the sheet's author can fix. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private void importRow(ImportEntity job, Path folder, MetadataCsv.Row row) throws IOException, Refused {
        String aktenzeichen = row.get("aktenzeichen");
        if (aktenzeichen.isEmpty() || aktenzeichen.length() > 100) {
            throw new Refused("an Aktenzeichen (1 to 100 characters) is needed");
        }
        Path file = fileIn(folder, row.get("datei"));
        // hashed before staging, so a file imported before is skipped without being copied
        String sha = org.amtsgang.document.internal.content.Sha256.of(file);
        if (store.imported(aktenzeichen, sha).isPresent()) {
            job.skipped++;
            return;
        }
        Intake.Accepted accepted;
        try (InputStream in = Files.newInputStream(file)) {
            accepted = intake.accept(in, settings.maxBytes());
        } catch (ContentRefused e) {
            throw new Refused(e.getMessage());
        }
        Staged staged = accepted.content();
        Inspector.Inspection inspection = accepted.inspection();
        long now = System.currentTimeMillis();
        DocumentEntity document = document(job, row, aktenzeichen, staged, now);
        VersionEntity version = version(document, row, staged, inspection, now, job.startedBy);
        List<ScanEntity> scans = scans(document, row, staged, inspection, file, now);
        ImportedEntity key = new ImportedEntity();
        key.aktenzeichen = aktenzeichen;
        key.sha256 = staged.sha256();
        key.documentId = document.id;
        key.jobId = job.id;
        if (store.importFile(document, version, scans, key)) {
            job.imported++;
            job.pages += inspection.pages();
            settings.stored().run();
        } else {
            job.skipped++;
        }
    }

    private DocumentEntity document(ImportEntity job, MetadataCsv.Row row, String aktenzeichen, Staged staged, long now)
            throws Refused {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("aktenzeichen", aktenzeichen);
        putIfPresent(fields, "address", row.get("adresse"));
        putIfPresent(fields, "gemarkung", row.get("gemarkung"));
        putIfPresent(fields, "flur", row.get("flur"));
        putIfPresent(fields, "flurstueck", row.get("flurstueck"));
        String year = row.get("jahr");
        if (!year.isEmpty()) {
            if (!year.matches("1[6-9]\\d\\d|20\\d\\d")) {
                throw new Refused("jahr must be a year such as 1958, was '" + year + "'");
            }
            fields.put("year", year);
        }
        putIfPresent(fields, "paper", row.get("papier").toLowerCase(java.util.Locale.ROOT));
        putIfPresent(fields, "condition", row.get("zustand"));
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getValue().length() > 500) {
                throw new Refused(field.getKey() + " is longer than 500 characters");
            }
        }
        DocumentEntity document = new DocumentEntity();
        document.id = settings.ids().get();
        String address = row.get("adresse");
        document.title = truncate(
                "Bauakte " + aktenzeichen + (address.isEmpty() ? "" : ", " + address) + " (" + row.get("datei") + ")",
                300);
        document.type = "BAUAKTE";
        document.officeId = settings.office();
        document.confidentiality = Confidentiality.INTERNAL.name();
        document.retention = RetentionRule.PERMANENT.toString();
        document.retainUntilDay = null;
        document.ocr = 1;
        document.ocrPriority = thermal(row) ? THERMAL_PRIORITY : 0;
        document.fields = org.amtsgang.document.internal.FieldsJson.write(fields);
        document.latestVersion = 1;
        document.createdAt = now;
        document.createdBy = job.startedBy;
        return document;
    }

    private static VersionEntity version(
            DocumentEntity document,
            MetadataCsv.Row row,
            Staged staged,
            Inspector.Inspection inspection,
            long now,
            String actor) {
        VersionEntity version = new VersionEntity();
        version.documentId = document.id;
        version.number = 1;
        version.fileName = FileNames.sanitise(row.get("datei"), staged.type());
        version.contentType = staged.type().mediaType();
        version.size = staged.size();
        version.sha256 = staged.sha256();
        version.pages = inspection.pages();
        version.ocrStatus = OcrStatus.PENDING.name();
        version.ocrPriority = document.ocrPriority;
        version.createdAt = now;
        version.createdBy = actor;
        return version;
    }

    private List<ScanEntity> scans(
            DocumentEntity document,
            MetadataCsv.Row row,
            Staged staged,
            Inspector.Inspection inspection,
            Path file,
            long now)
            throws IOException, Refused {
        String scannedBy = orUnknown(row.get("gescannt_von"));
        String device = orUnknown(row.get("geraet"));
        long scannedAt = scannedAt(row.get("gescannt_am"), file);
        List<ScanEntity> scans = new ArrayList<>(inspection.pages());
        for (int page = 1; page <= inspection.pages(); page++) {
            int dpi = inspection.dpi().get(page - 1);
            ScanEntity scan = new ScanEntity();
            scan.documentId = document.id;
            scan.versionNumber = 1;
            scan.page = page;
            scan.scannedBy = truncate(scannedBy, 100);
            scan.device = truncate(device, 100);
            scan.scannedAt = scannedAt;
            scan.sha256 = staged.sha256();
            scan.resolutionDpi = dpi;
            scan.quality = dpi == 0 ? "NO_IMAGE" : dpi < MIN_DPI ? "LOW_RESOLUTION " + dpi + " dpi" : "OK";
            scan.recordedAt = now;
            scans.add(scan);
        }
        return scans;
    }

    /** The file a row names: a plain name in the folder, never a path out of it. */
    static Path fileIn(Path folder, String name) throws Refused {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals("..") || name.equals(".")) {
            throw new Refused("datei must name a file in the folder, was '" + name + "'");
        }
        Path file = folder.resolve(name).normalize();
        if (!file.getParent().equals(folder.normalize()) || !Files.isRegularFile(file)) {
            throw new Refused("no file '" + name + "' in the folder");
        }
        return file;
    }

    private static long scannedAt(String text, Path file) throws IOException, Refused {
        if (text.isEmpty()) {
            return Files.getLastModifiedTime(file).toMillis();
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(CITY_TIME).toInstant().toEpochMilli();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(text)
                            .atStartOfDay(CITY_TIME)
                            .toInstant()
                            .toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new Refused(
                            "gescannt_am must be a date or date-time such as 2026-11-27T09:30, was '" + text + "'");
                }
            }
        }
    }

    static boolean thermal(MetadataCsv.Row row) {
        return THERMAL.contains(row.get("papier").toLowerCase(java.util.Locale.ROOT));
    }

    private static void putIfPresent(Map<String, String> fields, String key, String value) {
        if (!value.isEmpty()) {
            fields.put(key, value);
        }
    }

    private static String orUnknown(String text) {
        return text.isEmpty() ? "unbekannt" : text;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
