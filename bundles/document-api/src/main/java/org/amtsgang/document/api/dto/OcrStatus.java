package org.amtsgang.document.api.dto;

/** Where a version's text recognition stands. */
public enum OcrStatus {
    /** Not wanted for this document. */
    NOT_REQUESTED,
    /** Waiting for a worker, or for an OCR engine to be installed. */
    PENDING,
    /** The text is there, as the rendition {@link RenditionKind#OCR_TEXT}. */
    DONE,
    /** The engine could not read the content; the reason is in the version's record. */
    FAILED
}
