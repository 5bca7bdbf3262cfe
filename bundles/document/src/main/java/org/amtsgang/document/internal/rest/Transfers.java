package org.amtsgang.document.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.amtsgang.document.api.dto.Content;

/** Content in and out over HTTP: names from and to Content-Disposition, streamed downloads. */
final class Transfers {

    private Transfers() {}

    /**
     * The file name a client sent: {@code fileName} query parameter, else Content-Disposition's
     * {@code filename*} (RFC 5987), else its {@code filename}. Sanitised later, whatever it is.
     */
    static String fileName(String query, String disposition) {
        if (query != null && !query.isBlank()) {
            return query;
        }
        if (disposition == null) {
            return null;
        }
        String plain = null;
        for (String part : disposition.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "filename*=", 0, 10)) {
                String value = p.substring(10);
                int quote = value.indexOf("''");
                try {
                    return URLDecoder.decode(quote >= 0 ? value.substring(quote + 2) : value, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    // a broken encoding: fall back to the plain name
                }
            } else if (p.regionMatches(true, 0, "filename=", 0, 9)) {
                plain = p.substring(9).replace("\"", "");
            }
        }
        return plain;
    }

    /** A download of stored content: streamed, verified as it goes, never sniffed into something else. */
    static Response download(Content content, String fileName, boolean inline) {
        String ascii =
                fileName.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        StreamingOutput body = out -> copy(content.stream(), out);
        String digest = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(content.sha256()));
        return Response.ok(body, content.contentType())
                .header("Content-Length", content.size())
                .header(
                        "Content-Disposition",
                        (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
                                + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .header("ETag", "\"" + content.sha256() + "\"")
                .header("Repr-Digest", "sha-256=:" + digest + ":")
                .build();
    }

    /**
     * Copies and closes. A damaged file throws at its end: the response is cut off then, so the
     * client sees a broken transfer and not a silently wrong file.
     */
    private static void copy(InputStream in, OutputStream out) throws IOException {
        try (InputStream source = in) {
            source.transferTo(out);
        }
    }
}
