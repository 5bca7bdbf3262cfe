package org.amtsgang.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;

/**
 * What makes a service descriptor valid, whichever way it arrived. Collects every problem rather
 * than stopping at the first, so that an office fixes its descriptor in one round.
 */
final class DescriptorRules {

    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final int MAX_ID_LENGTH = 64;
    private static final Pattern LEIKA = Pattern.compile("\\d{14}");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final int MAX_TITLE = 200;
    private static final int MAX_DESCRIPTION = 4000;
    private static final int MAX_DEADLINE_DAYS = 3650;

    private final ObjectMapper mapper;

    DescriptorRules(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<String> check(ServiceDescriptor d) {
        List<String> problems = new ArrayList<>();
        checkId("id", d.id(), problems);
        if (d.leikaKey() != null && !LEIKA.matcher(d.leikaKey()).matches()) {
            problems.add("leikaKey must be the 14-digit LeiKa key, was '" + d.leikaKey() + "'");
        }
        checkId("office", d.officeId(), problems);
        checkText("title", d.title(), MAX_TITLE, problems);
        checkText("description", d.description(), MAX_DESCRIPTION, problems);
        if (d.trustLevel() == null) {
            problems.add("trustLevel is required: BASIS, SUBSTANTIAL or HIGH");
        }
        checkFee(d, problems);
        checkForm(d.formSchema(), problems);
        if (d.processingDeadlineDays() < 1 || d.processingDeadlineDays() > MAX_DEADLINE_DAYS) {
            problems.add("processingDeadlineDays must be between 1 and " + MAX_DEADLINE_DAYS + ", was "
                    + d.processingDeadlineDays());
        }
        if (d.ozgMaturityLevel() < 0 || d.ozgMaturityLevel() > 4) {
            problems.add("ozgMaturityLevel must be between 0 and 4, was " + d.ozgMaturityLevel());
        }
        if (d.version() == null || !VERSION.matcher(d.version()).matches()) {
            problems.add("version must be major.minor.micro, e.g. 1.0.0, was '" + d.version() + "'");
        }
        return problems;
    }

    /**
     * The descriptor with its form schema in compact canonical JSON, so that every service's form
     * reaches clients in the same shape whether it came from a file or from Java code. Call on a
     * descriptor that {@link #check} accepted.
     */
    ServiceDescriptor normalized(ServiceDescriptor d) {
        try {
            return d.withFormSchema(mapper.writeValueAsString(mapper.readTree(d.formSchema())));
        } catch (IOException e) {
            throw new IllegalArgumentException("form is not valid JSON", e);
        }
    }

    private static void checkId(String field, String value, List<String> problems) {
        if (value == null || value.isEmpty()) {
            problems.add(field + " is required");
        } else if (value.length() > MAX_ID_LENGTH || !ID.matcher(value).matches()) {
            problems.add(field + " must be lower-case letters and digits separated by single dashes, at most "
                    + MAX_ID_LENGTH + " characters, was '" + value + "'");
        }
    }

    private static void checkText(String field, LocalizedText text, int max, List<String> problems) {
        if (text == null || text.de() == null || text.de().isBlank()) {
            problems.add(field + ".de (German) is required");
            return;
        }
        if (text.de().length() > max || text.en().length() > max) {
            problems.add(field + " must be at most " + max + " characters in each language");
        }
    }

    private static void checkFee(ServiceDescriptor d, List<String> problems) {
        PaymentPolicy policy = d.paymentPolicy();
        if (policy == null) {
            problems.add("paymentPolicy is required: NONE, OPTIONAL, REQUIRED or AFTER_DECISION");
            return;
        }
        if (d.feeCents() < 0) {
            problems.add("feeCents must not be negative, was " + d.feeCents());
        } else if (policy == PaymentPolicy.NONE && d.feeCents() != 0) {
            problems.add("feeCents must be 0 when paymentPolicy is NONE, was " + d.feeCents());
        } else if ((policy == PaymentPolicy.REQUIRED || policy == PaymentPolicy.OPTIONAL) && d.feeCents() == 0) {
            problems.add("feeCents must be positive when paymentPolicy is " + policy);
        }
    }

    // The form must at least be a JSON Schema for an object; applications are validated against it.
    private void checkForm(String schema, List<String> problems) {
        if (schema == null || schema.isBlank()) {
            problems.add("form is required: a JSON Schema describing the application form");
            return;
        }
        JsonNode node;
        try {
            node = mapper.readTree(schema);
        } catch (IOException e) {
            problems.add("form is not valid JSON: " + e.getMessage());
            return;
        }
        if (node == null || !node.isObject()) {
            problems.add("form must be a JSON Schema object");
        } else if (!"object".equals(node.path("type").asText())) {
            problems.add("form must describe an object: its \"type\" must be \"object\"");
        } else if (!node.path("properties").isObject()) {
            problems.add("form must list the form's fields under \"properties\"");
        }
    }
}
