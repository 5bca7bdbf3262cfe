package org.amtsgang.document.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The document area's settings ({@code etc/org.amtsgang.document.cfg}). */
@ObjectClassDefinition(name = "Amtsgang documents", description = "Document store, upload limits and OCR")
public @interface DocumentConfig {

    String PID = "org.amtsgang.document";

    @AttributeDefinition(description = "Directory of the content store; empty: <karaf.data>/amtsgang/documents")
    String directory() default "";

    @AttributeDefinition(description = "Largest upload in bytes")
    long maxUploadBytes() default 1024L * 1024 * 1024;

    @AttributeDefinition(
            description = "Most pixels one image may declare (width × height): larger is a decompression bomb")
    long maxPixels() default 300_000_000L;

    @AttributeDefinition(description = "Most pages one file may have")
    int maxPages() default 5000;

    @AttributeDefinition(description = "Most bytes one PDF page's content may decompress to")
    long maxPageContentBytes() default 64L * 1024 * 1024;

    @AttributeDefinition(
            description = "Content up to this size is verified before the first byte is sent;"
                    + " larger content is verified as it streams and the connection is cut if it is damaged")
    long verifyBeforeSendingBytes() default 16L * 1024 * 1024;

    @AttributeDefinition(description = "OCR workers (each runs one Tesseract process at a time)")
    int ocrWorkers() default 2;

    @AttributeDefinition(description = "The Tesseract command")
    String tesseract() default "tesseract";

    @AttributeDefinition(description = "Tesseract languages, e.g. deu or deu+eng")
    String ocrLanguages() default "deu";

    @AttributeDefinition(description = "Whether OCR also writes a searchable PDF/A rendition (same Tesseract run)")
    boolean ocrPdfA() default true;

    @AttributeDefinition(description = "Resolution at which PDF pages are rendered for OCR")
    int ocrDpi() default 300;

    @AttributeDefinition(description = "Longest time one file's OCR may take, in seconds")
    int ocrTimeoutSeconds() default 900;

    @AttributeDefinition(
            description = "How often OCR of a file is tried when it cannot run (e.g. the disk is full or Tesseract's"
                    + " PDF cannot be read) before the file is marked OCR-failed")
    int ocrAttempts() default 5;

    @AttributeDefinition(
            description = "Wait before the second attempt, in milliseconds; it doubles with every further attempt"
                    + " (at most one hour)")
    long ocrRetryDelayMillis() default 60_000L;

    @AttributeDefinition(
            description =
                    "Folder under which Bauakten import folders are dropped;" + " empty: <karaf.data>/amtsgang/import")
    String importDirectory() default "";

    @AttributeDefinition(description = "The office building files (Bauakten) belong to")
    String bauaktenOffice() default "bauaufsicht";

    @AttributeDefinition(description = "Retention rule of documents created without one, e.g. 10:DELETE")
    String defaultRetention() default "10:DELETE";
}
