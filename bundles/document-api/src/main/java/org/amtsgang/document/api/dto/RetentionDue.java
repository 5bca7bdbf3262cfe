package org.amtsgang.document.api.dto;

import java.time.LocalDate;

/**
 * A document whose retention has ended.
 *
 * @param documentId the document
 * @param title its title
 * @param officeId its office
 * @param type its kind
 * @param retention its rule
 * @param retainUntil the last day it had to be kept
 */
public record RetentionDue(
        String documentId,
        String title,
        String officeId,
        String type,
        RetentionRule retention,
        LocalDate retainUntil) {}
