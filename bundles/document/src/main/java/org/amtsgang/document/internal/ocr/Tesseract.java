package org.amtsgang.document.internal.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.amtsgang.document.internal.content.ContentType;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Text recognition with the Tesseract command (Debian: {@code tesseract-ocr}, {@code
 * tesseract-ocr-deu}). Images and TIFFs go to it as they are; PDF pages are rendered to greyscale
 * PNGs first. One process reads all pages of a file (the model loads once), and each process uses
 * one thread: the worker pool is the parallelism, and OpenMP inside every process would only
 * oversubscribe the cores.
 */
public final class Tesseract {

    /**
     * How to run it.
     *
     * @param command the command, e.g. {@code tesseract}
     * @param languages e.g. {@code deu}
     * @param dpi resolution for rendering PDF pages
     * @param timeoutSeconds longest time for one file
     * @param searchablePdf whether to write the searchable PDF too (in the same run: no second OCR)
     */
    public record Settings(String command, String languages, int dpi, int timeoutSeconds, boolean searchablePdf) {}

    /**
     * What one run produced.
     *
     * @param text the text, pages separated by form feeds
     * @param pdf the searchable PDF in the scratch folder (gone once {@link #read} returns to the next
     *     file's run), or {@code null}
     */
    public record Result(String text, Path pdf) {}

    /** Tesseract ran but could not read the file. */
    public static final class OcrFailed extends Exception {

        private static final long serialVersionUID = 1L;

        private final String detail;

        /**
         * @param message what anyone who reads the document may be told
         * @param detail what Tesseract said, for the platform's log only (it names server paths)
         */
        public OcrFailed(String message, String detail) {
            super(message);
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    /**
     * OCR cannot run here at all (the command does not start, the work folder cannot be used): no
     * fault of the file, which stays waiting until the engine is found working again.
     */
    public static final class EngineUnavailable extends IOException {

        private static final long serialVersionUID = 1L;

        EngineUnavailable(String message, IOException cause) {
            super(message, cause);
        }
    }

    private final Settings settings;

    public Tesseract(Settings settings) {
        this.settings = settings;
    }

    /**
     * Whether the command runs here and knows every configured language; empty when it does, else
     * the reason it does not.
     */
    public java.util.Optional<String> unavailable() {
        try {
            Process process = new ProcessBuilder(settings.command(), "--list-langs")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return java.util.Optional.of("'" + settings.command() + " --list-langs' failed: " + output.strip());
            }
            List<String> known = output.lines().map(String::strip).toList();
            for (String language : settings.languages().split("\\+")) {
                if (!known.contains(language)) {
                    return java.util.Optional.of("Tesseract lacks the language '" + language
                            + "' (Debian: apt-get install tesseract-ocr-" + language + ")");
                }
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("'" + settings.command() + "' is not installed (Debian: apt-get install"
                    + " tesseract-ocr tesseract-ocr-deu): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        }
    }

    /** What the caller does with a result while its files exist. */
    @FunctionalInterface
    public interface ResultHandler {
        void handle(Result result) throws IOException;
    }

    /** Reads the file's text (and, if configured, writes its searchable PDF) and hands both over. */
    public void read(Path file, ContentType type, Path workDir, ResultHandler handler)
            throws IOException, OcrFailed, InterruptedException {
        Path scratch;
        try {
            scratch = Files.createTempDirectory(workDir, "ocr-");
        } catch (IOException e) {
            throw new EngineUnavailable("the OCR work folder " + workDir + " cannot be used: " + e, e);
        }
        try {
            Path input = file;
            if (type == ContentType.PDF) {
                input = renderPages(file, scratch);
            }
            handler.handle(run(input, scratch));
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    /** Renders every page to a PNG and answers a list file naming them, which Tesseract reads in order. */
    private Path renderPages(Path pdf, Path scratch) throws IOException {
        List<String> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(
                new RandomAccessReadBufferedFile(pdf), "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, settings.dpi(), ImageType.GRAY);
                Path png = scratch.resolve(String.format("page-%05d.png", i + 1));
                ImageIO.write(image, "png", png.toFile());
                image.flush();
                pages.add(png.toString());
            }
        }
        Path list = scratch.resolve("pages.txt");
        Files.write(list, pages, StandardCharsets.UTF_8);
        return list;
    }

    private Result run(Path input, Path scratch) throws IOException, OcrFailed, InterruptedException {
        Path base = scratch.resolve("text");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                settings.command(),
                input.toString(),
                base.toString(),
                "-l",
                settings.languages(),
                "--psm",
                "1",
                "txt"));
        if (settings.searchablePdf()) {
            command.add("pdf");
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("OMP_THREAD_LIMIT", "1");
        Path log = scratch.resolve("tesseract.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EngineUnavailable("'" + settings.command() + "' does not start: " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        // to files, not pipes: waiting on a pipe would outlast the timeout of a hung process
        if (!process.waitFor(settings.timeoutSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new OcrFailed("Tesseract took longer than " + settings.timeoutSeconds() + " s", null);
        }
        Path text = scratch.resolve("text.txt");
        if (process.exitValue() != 0 || !Files.exists(text)) {
            String why = Files.readString(log, StandardCharsets.UTF_8).strip();
            throw new OcrFailed(
                    "Tesseract could not read the file (exit " + process.exitValue() + ")",
                    why.length() > 300 ? why.substring(0, 300) : why);
        }
        Path pdf = scratch.resolve("text.pdf");
        return new Result(Files.readString(text, StandardCharsets.UTF_8), Files.exists(pdf) ? pdf : null);
    }
}
