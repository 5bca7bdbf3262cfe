package org.amtsgang.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.Test;

public class FingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FORM =
            """
            {"hund": {"name": "Bello", "rasse": "Dackel", "geburtsjahr": 2020},
             "haltungSeit": "2026-02-01", "gefaehrlich": false, "halter": ["Jürgen", "Groß"]}""";

    @Test
    public void theSameFormInAnotherKeyOrderAndLayoutHasTheSameFingerprint() {
        String reordered =
                """
                {
                  "halter" : [ "J\\u00fcrgen", "Gro\\u00df" ],
                  "gefaehrlich" : false,
                  "haltungSeit" : "2026-02-01",
                  "hund" : { "geburtsjahr" : 2020, "rasse" : "Dackel", "name" : "Bello" }
                }""";

        String a = Fingerprint.of("steueramt-hundesteuer-anmeldung", true, json(FORM));
        String b = Fingerprint.of("steueramt-hundesteuer-anmeldung", true, json(reordered));

        assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
        assertThat(Fingerprint.of("steueramt-hundesteuer-anmeldung", true, json(FORM)))
                .as("deterministic")
                .isEqualTo(a);
    }

    @Test
    public void anyDifferenceInContentMakesAnotherFingerprint() {
        String base = Fingerprint.of("s", true, json(FORM));
        List<String> variants = List.of(
                FORM.replace("Bello", "Bella"),
                FORM.replace("2020", "2021"),
                FORM.replace("2020", "\"2020\""),
                FORM.replace("false", "true"),
                FORM.replace("false", "null"),
                FORM.replace("[\"Jürgen\", \"Groß\"]", "[\"Groß\", \"Jürgen\"]"),
                FORM.replace("[\"Jürgen\", \"Groß\"]", "[\"Jürgen\"]"),
                FORM.replace("\"gefaehrlich\"", "\"gefährlich\""),
                FORM.replace("\"name\": \"Bello\", ", ""),
                FORM.replace("\"hund\": {", "\"hund\": {\"chip\": \"1\", "));
        for (String variant : variants) {
            assertThat(Fingerprint.of("s", true, json(variant))).as(variant).isNotEqualTo(base);
        }
        assertThat(variants.stream()
                        .map(v -> Fingerprint.of("s", true, json(v)))
                        .distinct())
                .as("all different from each other too")
                .hasSize(variants.size());
    }

    @Test
    public void theServiceAndWhetherItIsHandedInCount() {
        String base = Fingerprint.of("s", true, json(FORM));

        assertThat(Fingerprint.of("s", false, json(FORM))).isNotEqualTo(base);
        assertThat(Fingerprint.of("t", true, json(FORM))).isNotEqualTo(base);
    }

    @Test
    public void nestingIsNotConfusedWithFlatKeys() {
        assertThat(Fingerprint.of("s", true, json("{\"a\": {\"b\": 1}}")))
                .isNotEqualTo(Fingerprint.of("s", true, json("{\"a.b\": 1}")))
                .isNotEqualTo(Fingerprint.of("s", true, json("{\"a\": \"{\\\"b\\\":1}\"}")));
        assertThat(Fingerprint.of("s", true, json("{\"a\": [{\"b\": 1, \"c\": 2}]}")))
                .isEqualTo(Fingerprint.of("s", true, json("{\"a\": [{\"c\": 2, \"b\": 1}]}")));
        assertThat(Fingerprint.of("s", true, json("{}"))).isNotEqualTo(Fingerprint.of("s", true, json("[]")));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
