package org.amtsgang.document.api.dto;

/**
 * Which documents to list; {@code null} filters match all.
 *
 * @param officeId of this office
 * @param caseId of this case
 * @param type of this kind
 * @param page the page, from 0
 * @param size the page size
 */
public record DocumentQuery(String officeId, String caseId, String type, int page, int size) {}
