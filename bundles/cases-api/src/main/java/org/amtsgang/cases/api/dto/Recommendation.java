package org.amtsgang.cases.api.dto;

/**
 * What an office's rules suggest about a case: shown to staff, never a decision.
 *
 * @param source who suggests it, e.g. the office bundle's name
 * @param suggests what it suggests, or null for a remark only
 * @param text the reasons, for the person deciding
 */
public record Recommendation(String source, DecisionKind suggests, String text) {}
