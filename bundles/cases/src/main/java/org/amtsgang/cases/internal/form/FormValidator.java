package org.amtsgang.cases.internal.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.amtsgang.cases.api.dto.FieldError;

/**
 * Checks application forms against their service's JSON Schema, listing every problem with its
 * JSON Pointer and a German and an English message. Compiled schemas are kept per service version.
 */
public final class FormValidator {

    // one form per request: text after the object is an error, not something to ignore
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_CACHED = 1_000;

    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    /** A schema compiled once for each language of the messages. */
    private record Compiled(String schemaText, JsonSchema german, JsonSchema english) {}

    /** The form as a JSON object, or the errors that make it none. */
    public record Parsed(JsonNode form, List<FieldError> errors) {}

    /** Reads a form: it must be one JSON object. */
    public static Parsed parse(String formData) {
        if (formData == null || formData.isBlank()) {
            return new Parsed(null, List.of(new FieldError("", "Das Formular fehlt.", "The form is missing.")));
        }
        try {
            JsonNode node = JSON.readTree(formData);
            if (node == null || !node.isObject()) {
                return new Parsed(
                        null,
                        List.of(new FieldError(
                                "", "Das Formular muss ein JSON-Objekt sein.", "The form must be a JSON object.")));
            }
            return new Parsed(node, List.of());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            return new Parsed(
                    null,
                    List.of(new FieldError(
                            "",
                            "Das Formular ist kein gültiges JSON" + where + ".",
                            "The form is not valid JSON" + where + ".")));
        }
    }

    /**
     * Every problem of the form under the schema; empty if it is valid.
     *
     * @param key identifies the schema, e.g. service id and version
     */
    public List<FieldError> validate(String key, String schemaText, JsonNode form) {
        Compiled schema = compiled.get(key);
        if (schema == null || !schema.schemaText().equals(schemaText)) {
            if (compiled.size() >= MAX_CACHED) {
                compiled.clear(); // old versions of services pile up only over many deployments
            }
            schema = new Compiled(schemaText, compile(schemaText, Locale.GERMAN), compile(schemaText, Locale.ENGLISH));
            compiled.put(key, schema);
        }
        JsonSchema english = schema.english();
        Set<ValidationMessage> problems = withLibraryLoader(() -> english.validate(form));
        if (problems.isEmpty()) {
            return List.of();
        }
        // the invalid path is rare: a second pass for the German messages costs little
        JsonSchema german = schema.german();
        Map<String, String> germanByKey = new HashMap<>();
        for (ValidationMessage m : withLibraryLoader(() -> german.validate(form))) {
            germanByKey.putIfAbsent(key(m), text(m));
        }
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage m : problems) {
            String en = text(m);
            errors.add(new FieldError(pointer(m), germanByKey.getOrDefault(key(m), en), en));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::pointer));
        return errors;
    }

    /** Drops cached schemas, e.g. of a service that left. */
    public void forget(String keyPrefix) {
        compiled.keySet().removeIf(k -> k.startsWith(keyPrefix));
    }

    private static JsonSchema compile(String schemaText, Locale locale) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .locale(locale)
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        return withLibraryLoader(() ->
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText, config));
    }

    // the library finds its meta-schemas and message bundles through the context class loader: in
    // OSGi that must be its own bundle's, or it would try to fetch the meta-schema from the web
    private static <T> T withLibraryLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JsonSchemaFactory.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String key(ValidationMessage m) {
        return m.getType() + "|" + m.getInstanceLocation() + "|" + m.getProperty() + "|" + m.getEvaluationPath();
    }

    /** Where the problem is; for a missing property, the property itself rather than its parent. */
    private static String pointer(ValidationMessage m) {
        String location =
                m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            location = location + "/" + escape(m.getProperty());
        }
        return location;
    }

    private static String escape(String property) {
        return property.replace("~", "~0").replace("/", "~1");
    }

    /** The message without the location the library puts in front (the pointer says it). */
    private static String text(ValidationMessage m) {
        String message = m.getMessage();
        String location =
                m.getInstanceLocation() == null ? null : m.getInstanceLocation().toString();
        if (location != null && message.startsWith(location + ": ")) {
            message = message.substring(location.length() + 2);
        }
        return message;
    }
}
