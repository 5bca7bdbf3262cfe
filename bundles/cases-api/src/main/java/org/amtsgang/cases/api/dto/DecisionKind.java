package org.amtsgang.cases.api.dto;

/** What a member of staff decides. */
public enum DecisionKind {
    APPROVE,
    REJECT
}
