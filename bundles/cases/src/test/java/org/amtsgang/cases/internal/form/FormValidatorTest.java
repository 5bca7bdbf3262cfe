package org.amtsgang.cases.internal.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.amtsgang.cases.api.dto.FieldError;
import org.junit.Test;

/** Against the real forms of two office bundles (copied into the test resources). */
public class FormValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The dog tax form, as its office bundle describes it in its service descriptor. */
    static final String HUNDESTEUER = hundesteuerSchema();

    static final String MELDEBESCHEINIGUNG = resource("/forms/buergeramt-meldebescheinigung.schema.json");

    private static final String VALID_HUNDESTEUER =
            """
            {"hund": {"name": "Bello", "rasse": "Dackel", "geburtsjahr": 2020, "chipnummer": "276098106543210"},
             "haltungSeit": "2026-02-01", "gefaehrlich": false}""";

    private final FormValidator validator = new FormValidator();

    @Test
    public void aValidFormHasNoErrors() {
        assertThat(validator.validate("hundesteuer@1.0.0", HUNDESTEUER, json(VALID_HUNDESTEUER)))
                .isEmpty();
        assertThat(validator.validate(
                        "melde@1.0.0", MELDEBESCHEINIGUNG, json("{\"art\": \"erweitert\", \"zustellung\": \"post\"}")))
                .isEmpty();
    }

    @Test
    public void aMissingPropertyIsPointedAtItselfNotItsParent() {
        List<FieldError> errors = validator.validate("hundesteuer@1.0.0", HUNDESTEUER, json("{}"));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/haltungSeit", "/hund");
        assertThat(errors.get(1).en()).contains("hund").doesNotStartWith(":");
        assertThat(errors.get(1).de()).contains("hund");

        List<FieldError> nested = validator.validate(
                "hundesteuer@1.0.0",
                HUNDESTEUER,
                json("{\"hund\": {\"name\": \"Bello\"}, \"haltungSeit\": \"2026-02-01\"}"));
        assertThat(nested).extracting(FieldError::pointer).containsExactly("/hund/geburtsjahr", "/hund/rasse");
    }

    @Test
    public void everyProblemIsListedInPointerOrderWithAGermanAndAnEnglishMessage() {
        JsonNode form = json(
                """
                {"hund": {"name": "", "geburtsjahr": 1800, "chipnummer": "12"},
                 "haltungSeit": "gestern"}""");

        List<FieldError> errors = validator.validate("hundesteuer@1.0.0", HUNDESTEUER, form);

        assertThat(errors)
                .extracting(FieldError::pointer)
                .containsExactly("/haltungSeit", "/hund/chipnummer", "/hund/geburtsjahr", "/hund/name", "/hund/rasse");
        for (FieldError error : errors) {
            assertThat(error.de()).as("German for %s", error.pointer()).isNotBlank();
            assertThat(error.en()).as("English for %s", error.pointer()).isNotBlank();
            assertThat(error.de())
                    .as("German and English are different texts for %s", error.pointer())
                    .isNotEqualTo(error.en());
            // the pointer says where: the library's "location: " prefix is cut off
            assertThat(error.en()).doesNotStartWith(error.pointer() + ":");
            assertThat(error.de()).doesNotStartWith(error.pointer() + ":");
        }
        assertThat(byPointer(errors, "/hund/geburtsjahr").en()).contains("1990");
        assertThat(byPointer(errors, "/hund/geburtsjahr").de()).contains("1990").contains("Mindestwert");
        assertThat(byPointer(errors, "/hund/chipnummer").en()).contains("^[0-9]{15}$");
        assertThat(byPointer(errors, "/haltungSeit").en()).contains("date");
        assertThat(byPointer(errors, "/hund/rasse").de()).contains("erforderlich");
    }

    @Test
    public void germanMessagesBelongToTheirOwnProblem() {
        // two problems of one kind at one place: each German text names its own property
        JsonNode form = json("{\"art\": \"einfach\", \"zustellung\": \"post\", \"farbe\": 1, \"groesse\": 2}");

        List<FieldError> errors = validator.validate("melde@1.0.0", MELDEBESCHEINIGUNG, form);

        assertThat(errors).hasSize(2);
        for (FieldError error : errors) {
            String property = error.en().contains("'farbe'") ? "'farbe'" : "'groesse'";
            assertThat(error.en()).contains(property);
            assertThat(error.de()).contains(property).contains("Eigenschaft");
        }
        assertThat(errors).extracting(FieldError::en).anyMatch(m -> m.contains("'farbe'"));
        assertThat(errors).extracting(FieldError::en).anyMatch(m -> m.contains("'groesse'"));
    }

    @Test
    public void theMeldebescheinigungFormIsCheckedForEnumsLimitsAndTypes() {
        List<FieldError> errors = validator.validate(
                "melde@1.0.0",
                MELDEBESCHEINIGUNG,
                json("{\"art\": \"sonder\", \"zustellung\": \"post\", \"anzahl\": 6, \"zweck\": \"" + "x".repeat(201)
                        + "\"}"));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/anzahl", "/art", "/zweck");
        assertThat(byPointer(errors, "/art").en()).contains("einfach", "erweitert");
        assertThat(byPointer(errors, "/anzahl").en()).contains("5");
        assertThat(byPointer(errors, "/zweck").en()).contains("200");

        assertThat(validator.validate(
                        "melde@1.0.0",
                        MELDEBESCHEINIGUNG,
                        json("{\"art\": \"einfach\", \"zustellung\": \"post\", \"anzahl\": 2.5}")))
                .extracting(FieldError::pointer)
                .containsExactly("/anzahl");
    }

    @Test
    public void anImpossibleDateIsRefused() {
        // format assertions are on: 30 February is no date
        String form = VALID_HUNDESTEUER.replace("2026-02-01", "2026-02-30");

        assertThat(validator.validate("hundesteuer@1.0.0", HUNDESTEUER, json(form)))
                .extracting(FieldError::pointer)
                .containsExactly("/haltungSeit");
    }

    @Test
    public void pointersEscapeSlashAndTildeInNames() {
        String schema =
                """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "required": ["a/b", "c~d"], "properties": {"a/b": {"type": "integer"}, "c~d": {"type": "integer"}}}""";

        assertThat(validator.validate("odd", schema, json("{}")))
                .extracting(FieldError::pointer)
                .containsExactly("/a~1b", "/c~0d");
        assertThat(validator.validate("odd", schema, json("{\"a/b\": \"x\", \"c~d\": \"y\"}")))
                .extracting(FieldError::pointer)
                .containsExactly("/a~1b", "/c~0d");
    }

    @Test
    public void aFormThatIsNoObjectIsOneErrorForTheWholeForm() {
        for (String text : List.of("[1, 2]", "\"text\"", "42", "null", "true")) {
            FormValidator.Parsed parsed = FormValidator.parse(text);
            assertThat(parsed.form()).as(text).isNull();
            assertThat(parsed.errors()).as(text).singleElement().satisfies(e -> {
                assertThat(e.pointer()).isEmpty();
                assertThat(e.de()).contains("JSON-Objekt");
                assertThat(e.en()).contains("JSON object");
            });
        }
    }

    @Test
    public void aMissingFormAndBrokenJsonAreErrorsToo() {
        for (String text : new String[] {null, "", "   "}) {
            assertThat(FormValidator.parse(text).errors()).singleElement().satisfies(e -> assertThat(e.en())
                    .contains("missing"));
        }
        FormValidator.Parsed broken = FormValidator.parse("{\n\"a\":");
        assertThat(broken.form()).isNull();
        assertThat(broken.errors()).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEmpty();
            assertThat(e.en()).contains("not valid JSON").contains("line 2");
            assertThat(e.de()).contains("kein gültiges JSON").contains("line 2");
        });
    }

    @Test
    public void anObjectIsParsed() {
        FormValidator.Parsed parsed = FormValidator.parse(VALID_HUNDESTEUER);

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.form().at("/hund/name").asText()).isEqualTo("Bello");
    }

    @Test
    public void textAfterTheObjectIsRefused() {
        assertThat(FormValidator.parse("{\"art\": \"einfach\"} {\"art\": \"erweitert\"}")
                        .errors())
                .as("two objects are not one form")
                .isNotEmpty();
        assertThat(FormValidator.parse("{\"art\": \"einfach\"} trailing").errors())
                .isNotEmpty();
    }

    @Test
    public void theSchemaIsCompiledOncePerKeyAndAgainWhenItsTextChanges() throws Exception {
        validator.validate("hundesteuer@1.0.0", HUNDESTEUER, json(VALID_HUNDESTEUER));
        Object first = cache().get("hundesteuer@1.0.0");
        validator.validate("hundesteuer@1.0.0", HUNDESTEUER, json("{}"));
        assertThat(cache().get("hundesteuer@1.0.0")).as("compiled once").isSameAs(first);
        validator.validate("melde@1.0.0", MELDEBESCHEINIGUNG, json("{}"));
        assertThat(cache()).containsOnlyKeys("hundesteuer@1.0.0", "melde@1.0.0");

        // the same key with another schema (a redeployed bundle): checked against the new text
        String stricter = HUNDESTEUER.replace("\"minimum\":1990", "\"minimum\":2025");
        assertThat(stricter).isNotEqualTo(HUNDESTEUER);
        assertThat(validator.validate("hundesteuer@1.0.0", stricter, json(VALID_HUNDESTEUER)))
                .extracting(FieldError::pointer)
                .containsExactly("/hund/geburtsjahr");
        assertThat(cache().get("hundesteuer@1.0.0")).isNotSameAs(first);
        assertThat(validator.validate("hundesteuer@1.0.0", HUNDESTEUER, json(VALID_HUNDESTEUER)))
                .isEmpty();
    }

    @Test
    public void keysKeepTheirSchemasApartAndCanBeForgotten() throws Exception {
        validator.validate("hundesteuer@1.0.0", HUNDESTEUER, json("{}"));
        validator.validate("hundesteuer@1.1.0", HUNDESTEUER, json("{}"));
        validator.validate("melde@1.0.0", MELDEBESCHEINIGUNG, json("{}"));

        assertThat(validator.validate("melde@1.0.0", MELDEBESCHEINIGUNG, json("{}")))
                .extracting(FieldError::pointer)
                .containsExactly("/art", "/zustellung");

        validator.forget("hundesteuer@");
        assertThat(cache()).containsOnlyKeys("melde@1.0.0");
        assertThat(validator.validate("hundesteuer@1.0.0", HUNDESTEUER, json("{}")))
                .extracting(FieldError::pointer)
                .containsExactly("/haltungSeit", "/hund");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> cache() throws ReflectiveOperationException {
        Field field = FormValidator.class.getDeclaredField("compiled");
        field.setAccessible(true);
        return (Map<String, Object>) field.get(validator);
    }

    private static FieldError byPointer(List<FieldError> errors, String pointer) {
        return errors.stream()
                .filter(e -> e.pointer().equals(pointer))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + pointer + " in " + errors));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hundesteuerSchema() {
        return json(resource("/forms/steueramt-hundesteuer-anmeldung.json"))
                .get("form")
                .toString();
    }

    static String resource(String name) {
        try (InputStream in = FormValidatorTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
