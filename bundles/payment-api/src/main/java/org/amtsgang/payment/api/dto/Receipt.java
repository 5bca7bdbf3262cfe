package org.amtsgang.payment.api.dto;

/**
 * A receipt (Quittung) as a PDF.
 *
 * @param fileName a suggested file name
 * @param pdf the document
 */
public record Receipt(String fileName, byte[] pdf) {}
