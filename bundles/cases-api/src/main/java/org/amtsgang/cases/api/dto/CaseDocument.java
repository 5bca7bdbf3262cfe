package org.amtsgang.cases.api.dto;

/**
 * A file of a case with its content: an attachment, or the notice (Bescheid) as PDF.
 *
 * @param info what the file is
 * @param content the bytes
 */
public record CaseDocument(AttachmentInfo info, byte[] content) {}
