package org.amtsgang.cases.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two create requests "the same" for their idempotency key: the service, whether it is
 * handed in, and the form as parsed (so that whitespace or key order make no difference).
 */
final class Fingerprint {

    private Fingerprint() {}

    static String of(String serviceId, boolean submit, JsonNode form) {
        String canonical = serviceId + "\u001f" + submit + "\u001f" + canonical(form);
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON with object members sorted by name, at every depth. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            StringBuilder out = new StringBuilder("{");
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",")
                        .append(com.fasterxml.jackson.databind.node.TextNode.valueOf(names.get(i)))
                        .append(':')
                        .append(canonical(node.get(names.get(i))));
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",").append(canonical(node.get(i)));
            }
            return out.append(']').toString();
        }
        return node.toString();
    }
}
