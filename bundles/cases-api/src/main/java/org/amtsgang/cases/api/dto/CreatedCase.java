package org.amtsgang.cases.api.dto;

/**
 * What starting an application gave.
 *
 * @param view the case
 * @param replayed true if the idempotency key had created this case before: nothing new was made
 */
public record CreatedCase(CaseView view, boolean replayed) {}
