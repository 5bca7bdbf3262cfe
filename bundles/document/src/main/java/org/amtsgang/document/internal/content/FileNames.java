package org.amtsgang.document.internal.content;

import java.text.Normalizer;

/**
 * Makes a client's file name safe to keep and to send back in a Content-Disposition header: only
 * its last path segment, no control or reserved characters, no leading dots, at most 120 characters,
 * and the extension of the type the bytes really are. The name is only ever a label; files on disk
 * are named by their checksum.
 */
public final class FileNames {

    private static final int MAX_LENGTH = 120;

    private FileNames() {}

    public static String sanitise(String name, ContentType type) {
        String base = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFC);
        // the last segment of either kind of path, so "../../etc/passwd" and "C:\x\y.pdf" lose their dirs
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        StringBuilder clean = new StringBuilder(base.length());
        base.codePoints().forEach(c -> {
            boolean unsafe = Character.isISOControl(c)
                    || "<>:\"|?*;%".indexOf(c) >= 0
                    || Character.getType(c) == Character.FORMAT
                    || !Character.isDefined(c);
            clean.appendCodePoint(unsafe ? '_' : c);
        });
        String result = clean.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        int dot = result.lastIndexOf('.');
        String stem = dot > 0 ? result.substring(0, dot) : result;
        stem = stem.strip();
        if (stem.isEmpty()) {
            stem = "dokument";
        }
        String extension = "." + type.extension();
        if (stem.length() + extension.length() > MAX_LENGTH) {
            stem = stem.substring(
                    0,
                    stem.offsetByCodePoints(
                            0, Math.min(stem.codePointCount(0, stem.length()), MAX_LENGTH - extension.length())));
        }
        return stem + extension;
    }

    /** A stored name with another ending, e.g. for a rendition: {@code plan.tif} → {@code plan.txt}. */
    public static String withEnding(String name, String ending) {
        return name.replaceAll("\\.[a-z]+$", "") + ending;
    }
}
