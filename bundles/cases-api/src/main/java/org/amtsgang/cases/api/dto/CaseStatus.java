package org.amtsgang.cases.api.dto;

/** Where an application stands. */
public enum CaseStatus {
    /** Being filled in by the applicant; not yet seen by the office. */
    DRAFT,
    /** Handed in; waiting for the office (or for the payment check). */
    SUBMITTED,
    /** Handed in; the fee must be paid before the office works on it. */
    AWAITING_PAYMENT,
    /** The office works on it. */
    IN_REVIEW,
    /** The office asked the applicant for information. */
    NEEDS_INFO,
    /** Decided: approved, by a person. */
    APPROVED,
    /** Decided: rejected, by a person, with a reason. */
    REJECTED,
    /** Taken back by the applicant before a decision. */
    WITHDRAWN,
    /** Complete; nothing more happens. */
    CLOSED;

    /** Whether the case has been decided. */
    public boolean decided() {
        return this == APPROVED || this == REJECTED;
    }

    /** Whether nothing can happen to the case any more but closing (or nothing at all). */
    public boolean finished() {
        return decided() || this == WITHDRAWN || this == CLOSED;
    }
}
