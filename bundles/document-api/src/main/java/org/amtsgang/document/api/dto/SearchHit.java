package org.amtsgang.document.api.dto;

/**
 * A page of a document that matched.
 *
 * @param documentId the document
 * @param version the version whose text matched
 * @param page the page, from 1 (0: the document's metadata, for documents without text)
 * @param title the document's title
 * @param type the document's kind
 * @param snippet a few words around the match
 * @param score how well it matched
 */
public record SearchHit(
        String documentId, int version, int page, String title, String type, String snippet, float score) {}
