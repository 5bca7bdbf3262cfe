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
    private static final char ESCAPE = '\u001e';

    private Chain() {}

    /**
     * A value whose own separator characters cannot be taken for the boundary between two fields;
     * values without U+001E and U+001F (all ordinary text) hash as they are.
     */
    static String escaped(String value) {
        if (value.indexOf(ESCAPE) < 0 && value.indexOf(SEPARATOR) < 0) {
            return value;
        }
        return value.replace(String.valueOf(ESCAPE), "" + ESCAPE + ESCAPE)
                .replace(String.valueOf(SEPARATOR), "" + ESCAPE + SEPARATOR);
    }

    static String hash(String previousHash, long sequence, AuditRecord r) {
        StringBuilder text = new StringBuilder(previousHash).append(SEPARATOR).append(sequence);
        for (Object field : new Object[] {
            r.id(), r.at().toEpochMilli(), r.area(), r.subject(), r.actor(), r.action(), r.from(), r.to(), r.reason()
        }) {
            text.append(SEPARATOR).append(field == null ? "" : escaped(field.toString()));
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
