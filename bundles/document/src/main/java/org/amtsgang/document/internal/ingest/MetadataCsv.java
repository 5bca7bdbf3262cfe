package org.amtsgang.document.internal.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an import folder's {@code metadata.csv}: UTF-8 (a byte-order mark is fine), separated by
 * {@code ;} as German spreadsheets write it, quotes as in RFC 4180, a header row naming the columns
 * (any order, any case). {@code datei} and {@code aktenzeichen} are needed; the others are optional.
 */
final class MetadataCsv {

    /** The columns known; others are ignored. */
    static final List<String> COLUMNS = List.of(
            "datei",
            "aktenzeichen",
            "adresse",
            "gemarkung",
            "flur",
            "flurstueck",
            "jahr",
            "papier",
            "zustand",
            "gescannt_von",
            "geraet",
            "gescannt_am");

    /** The file's limit: a metadata file is text a person wrote, not a bulk format. */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    /** One row: its line number and its values by column. */
    record Row(int line, Map<String, String> values) {
        String get(String column) {
            String value = values.get(column);
            return value == null ? "" : value.strip();
        }
    }

    /** A metadata file that cannot be read as a whole. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private MetadataCsv() {}

    static List<Row> read(Path file) throws IOException, Unreadable {
        if (Files.size(file) > MAX_BYTES) {
            throw new Unreadable("metadata.csv is larger than " + MAX_BYTES + " bytes");
        }
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> header = null;
            int line = 0;
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                int startLine = line;
                // a quoted value may span lines
                while (quotesOpen(text)) {
                    String next = in.readLine();
                    if (next == null) {
                        throw new Unreadable("line " + startLine + ": a quote is never closed");
                    }
                    line++;
                    text = text + "\n" + next;
                }
                if (header == null) {
                    header = new ArrayList<>();
                    for (String name : split(text.replace("\uFEFF", ""))) {
                        header.add(name.strip().toLowerCase(Locale.ROOT));
                    }
                    for (String needed : List.of("datei", "aktenzeichen")) {
                        if (!header.contains(needed)) {
                            throw new Unreadable("the header row has no column '" + needed + "' (columns: "
                                    + String.join(";", COLUMNS) + ")");
                        }
                    }
                    continue;
                }
                if (text.isBlank()) {
                    continue;
                }
                List<String> cells = split(text);
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < header.size() && i < cells.size(); i++) {
                    values.put(header.get(i), cells.get(i));
                }
                rows.add(new Row(startLine, values));
            }
            if (header == null) {
                throw new Unreadable("metadata.csv is empty");
            }
        }
        return rows;
    }

    private static boolean quotesOpen(String text) {
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
