package org.amtsgang.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.amtsgang.audit.api.AuditRecord;

/** How an entry's hash is made: SHA-256 over the previous hash, the sequence and every field. */
final class Chain {

    static final String GENESIS = "0".repeat(64);
    private static final char SEPARATOR = '\u001f';

    private Chain() {}

    static String hash(String previousHash, long sequence, AuditRecord r) {
        StringBuilder text = new StringBuilder(previousHash).append(SEPARATOR).append(sequence);
        for (Object field : new Object[] {
            r.id(), r.at().toEpochMilli(), r.area(), r.subject(), r.actor(), r.action(), r.from(), r.to(), r.reason()
        }) {
            text.append(SEPARATOR).append(field == null ? "" : field.toString());
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
