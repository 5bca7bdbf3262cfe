package org.amtsgang.audit.api;

/**
 * The outcome of checking the whole chain.
 *
 * @param intact whether every entry is as it was appended
 * @param entries how many entries were checked
 * @param firstBroken the sequence of the first entry that does not fit the chain, or 0
 * @param problem what is wrong with it, or null
 */
public record Verification(boolean intact, long entries, long firstBroken, String problem) {}
