package org.amtsgang.cases.api.dto;

/**
 * What is wrong with one part of an application form.
 *
 * @param pointer the JSON Pointer (RFC 6901) of the part, e.g. {@code /hund/geburtsjahr}; empty for
 *     the whole form
 * @param de the message in German
 * @param en the message in English
 */
public record FieldError(String pointer, String de, String en) {}
