package org.amtsgang.catalog.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.identity.api.TrustLevel;

/**
 * Reads a descriptor file of a descriptor-only office bundle. Reports every structural problem
 * (not JSON, a missing or misspelt field, a wrong type) and then applies {@link DescriptorRules}.
 */
final class DescriptorReader {

    /** Descriptors are small; a larger file is a mistake, and reading it would cost the platform. */
    static final int MAX_BYTES = 512 * 1024;

    private static final Set<String> FIELDS = Set.of(
            "id",
            "leikaKey",
            "office",
            "title",
            "description",
            "trustLevel",
            "paymentPolicy",
            "feeCents",
            "processingDeadlineDays",
            "ozgMaturityLevel",
            "version",
            "form");

    private final ObjectMapper mapper;
    private final DescriptorRules rules;

    DescriptorReader(ObjectMapper mapper, DescriptorRules rules) {
        this.mapper = mapper;
        this.rules = rules;
    }

    /** The outcome of reading one file: a valid descriptor, or what is wrong with it. */
    record Result(ServiceDescriptor descriptor, String claimedId, List<String> problems) {
        boolean valid() {
            return descriptor != null;
        }
    }

    Result read(byte[] content) {
        if (content.length > MAX_BYTES) {
            return refused(
                    null,
                    List.of("descriptor is " + content.length + " bytes; at most " + MAX_BYTES + " are accepted"));
        }
        JsonNode root;
        try {
            root = mapper.readTree(content);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            return refused(null, List.of("not valid JSON" + where + ": " + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            return refused(null, List.of("could not be read: " + e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return refused(null, List.of("must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(FIELDS.stream()
                        .filter(name::equalsIgnoreCase)
                        .findFirst()
                        .map(known -> "unknown field '" + name + "': did you mean '" + known + "'?")
                        .orElse("unknown field '" + name + "'; known fields are " + new java.util.TreeSet<>(FIELDS)));
            }
        }
        String id = text(root, "id", true, problems);
        ServiceDescriptor descriptor = new ServiceDescriptor(
                id,
                text(root, "leikaKey", false, problems),
                text(root, "office", true, problems),
                localized(root, "title", problems),
                localized(root, "description", problems),
                constant(root, "trustLevel", TrustLevel.class, problems),
                constant(root, "paymentPolicy", PaymentPolicy.class, problems),
                number(root, "feeCents", problems),
                form(root, problems),
                (int) number(root, "processingDeadlineDays", problems),
                (int) number(root, "ozgMaturityLevel", problems),
                text(root, "version", true, problems));
        if (problems.isEmpty()) {
            problems.addAll(rules.check(descriptor));
        }
        return problems.isEmpty() ? new Result(descriptor, id, List.of()) : refused(id, problems);
    }

    private static Result refused(String claimedId, List<String> problems) {
        return new Result(null, claimedId, List.copyOf(problems));
    }

    private static String text(JsonNode root, String field, boolean required, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(field + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(field + " must be a string");
            return null;
        }
        return node.asText();
    }

    private static long number(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add(field + " is required");
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            problems.add(field + " must be a whole number");
            return 0;
        }
        return node.asLong();
    }

    private static LocalizedText localized(JsonNode root, String field, List<String> problems) {
        JsonNode node = root.get(field);
        if (node == null || !node.isObject()) {
            problems.add(
                    field + " is required: an object with the German text under \"de\" and the English under \"en\"");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("de") && !name.equals("en")) {
                problems.add(field + " has unknown language '" + name + "'; use \"de\" and \"en\"");
            }
        }
        String de = text(node, "de", false, problems);
        String en = text(node, "en", false, problems);
        return new LocalizedText(de, en);
    }

    private static <E extends Enum<E>> E constant(JsonNode root, String field, Class<E> type, List<String> problems) {
        String value = text(root, field, true, problems);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", was '"
                    + value + "'");
            return null;
        }
    }

    private String form(JsonNode root, List<String> problems) {
        JsonNode node = root.get("form");
        if (node == null || !node.isObject()) {
            problems.add("form is required: a JSON Schema object describing the application form");
            return null;
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            problems.add("form could not be stored: " + e.getOriginalMessage());
            return null;
        }
    }
}
