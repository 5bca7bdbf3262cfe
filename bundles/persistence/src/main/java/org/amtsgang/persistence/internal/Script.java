package org.amtsgang.persistence.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One migration script: its version from the file name ({@code V<n>__<what>.sql}), its statements
 * and a checksum that tells whether it changed after it ran.
 */
record Script(int version, String name, String sql) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_\\-]+\\.sql");

    /** The script, or {@code null} when the file name is not a migration's. */
    static Script of(String fileName, String sql) {
        Matcher matcher = NAME.matcher(fileName);
        return matcher.matches() ? new Script(Integer.parseInt(matcher.group(1)), fileName, sql) : null;
    }

    /**
     * The statements: separated by a semicolon at the end of a line; lines starting with {@code --}
     * are comments.
     */
    List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", statements()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
