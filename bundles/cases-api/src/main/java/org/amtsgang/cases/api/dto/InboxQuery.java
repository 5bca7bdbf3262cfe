package org.amtsgang.cases.api.dto;

import java.util.Set;

/**
 * A search of an office's cases.
 *
 * @param officeId the office
 * @param statuses only cases in these states; empty for every state but drafts
 * @param serviceId only cases of this service, or null
 * @param assignee only cases assigned to this subject, {@code ""} for unassigned ones, or null for any
 * @param olderThanDays only cases submitted at least this many days ago, or 0
 * @param overdueOnly only undecided cases past their due date
 * @param page the page, from 0
 * @param size cases per page
 */
public record InboxQuery(
        String officeId,
        Set<CaseStatus> statuses,
        String serviceId,
        String assignee,
        int olderThanDays,
        boolean overdueOnly,
        int page,
        int size) {

    public InboxQuery {
        statuses = Set.copyOf(statuses);
    }
}
