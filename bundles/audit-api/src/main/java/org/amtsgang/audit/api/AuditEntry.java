package org.amtsgang.audit.api;

/**
 * A record as the trail holds it.
 *
 * @param sequence its place in the trail, from 1
 * @param record the record
 * @param previousHash the hash of the entry before (64 zeros for the first)
 * @param hash SHA-256 over the previous hash and this entry's fields
 */
public record AuditEntry(long sequence, AuditRecord record, String previousHash, String hash) {}
