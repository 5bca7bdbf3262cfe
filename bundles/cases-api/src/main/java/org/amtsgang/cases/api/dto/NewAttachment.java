package org.amtsgang.cases.api.dto;

/**
 * A file the applicant attaches.
 *
 * @param fileName the file's name as the applicant knows it
 * @param contentType the declared media type; checked against the content
 * @param content the bytes
 */
public record NewAttachment(String fileName, String contentType, byte[] content) {}
