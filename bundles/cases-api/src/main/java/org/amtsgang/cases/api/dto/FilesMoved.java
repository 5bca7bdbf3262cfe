package org.amtsgang.cases.api.dto;

/**
 * What a move of case files into the document service did.
 *
 * @param moved files now kept by the document service
 * @param left files that stay with the case for now (the log says why), e.g. their author's
 *     account is gone or no longer works in the office
 * @param remaining files the case area still keeps after the move, the left ones included
 */
public record FilesMoved(int moved, int left, long remaining) {}
