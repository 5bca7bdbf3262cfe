package org.amtsgang.document.api.dto;

/** What may be derived from an original and kept apart from it. */
public enum RenditionKind {
    /** The recognised text, UTF-8, pages separated by form feeds. */
    OCR_TEXT,
    /**
     * A searchable PDF for archiving: the page images with the recognised text beneath them, marked
     * as PDF/A-2b (XMP identification, sRGB output intent).
     */
    PDF_A
}
