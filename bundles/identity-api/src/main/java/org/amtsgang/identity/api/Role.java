package org.amtsgang.identity.api;

/** What a member of staff may do within one office. */
public enum Role {
    /** Works on the office's cases. */
    CASEWORKER,
    /** Leads the office: works on its cases and manages its staff. */
    OFFICE_LEAD
}
