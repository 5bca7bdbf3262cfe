package org.amtsgang.cases.internal.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.core.Response;
import org.amtsgang.cases.api.dto.CaseDocument;

/** A case's file as a download: never cached by others, never sniffed into something else. */
final class Downloads {

    private Downloads() {}

    static Response of(CaseDocument document) {
        String name = document.info().fileName();
        // an ASCII fallback for old clients, the exact name (umlauts and all) per RFC 6266 for the rest
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(document.content(), document.info().contentType())
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .header("Digest", "sha-256=" + document.info().sha256())
                .build();
    }
}
