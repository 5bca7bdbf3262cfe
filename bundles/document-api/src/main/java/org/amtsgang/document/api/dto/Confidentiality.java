package org.amtsgang.document.api.dto;

/**
 * How widely a document may be read. The owner, the applicant of its case and holders of a grant
 * read it at every level; staff as the level says.
 */
public enum Confidentiality {
    /** Anyone logged in, e.g. a form or a public notice. */
    PUBLIC,
    /** All staff of the document's office. */
    INTERNAL,
    /** Only the office's leads, e.g. personnel or police matters. */
    CONFIDENTIAL
}
