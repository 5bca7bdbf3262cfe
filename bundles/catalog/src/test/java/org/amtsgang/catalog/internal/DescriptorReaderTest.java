package org.amtsgang.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.identity.api.TrustLevel;
import org.junit.Test;

public class DescriptorReaderTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final DescriptorReader reader = new DescriptorReader(mapper, new DescriptorRules(mapper));

    @Test
    public void readsAValidDescriptor() throws IOException {
        DescriptorReader.Result result = reader.read(resource("valid.json"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.descriptor().id()).isEqualTo("steueramt-hundesteuer-anmeldung");
        assertThat(result.descriptor().officeId()).isEqualTo("steueramt");
        assertThat(result.descriptor().title().de()).startsWith("Hundesteuer");
        assertThat(result.descriptor().title().en()).startsWith("Dog tax");
        assertThat(result.descriptor().trustLevel()).isEqualTo(TrustLevel.BASIS);
        assertThat(result.descriptor().paymentPolicy()).isEqualTo(PaymentPolicy.NONE);
        assertThat(result.descriptor().processingDeadlineDays()).isEqualTo(30);
        assertThat(mapper.readTree(result.descriptor().formSchema())
                        .path("required")
                        .toString())
                .isEqualTo("[\"hund\",\"haltungSeit\"]");
    }

    @Test
    public void namesWhereTheJsonIsBroken() throws IOException {
        DescriptorReader.Result result = reader.read(resource("broken-syntax.json"));

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).singleElement().asString().startsWith("not valid JSON at line 5");
    }

    @Test
    public void reportsEveryProblemAtOnce() throws IOException {
        DescriptorReader.Result result = reader.read(resource("many-problems.json"));

        assertThat(result.valid()).isFalse();
        assertThat(result.problems())
                .anyMatch(p -> p.equals("unknown field 'feecents': did you mean 'feeCents'?"))
                .anyMatch(p -> p.startsWith("description has unknown language 'fr'"))
                .anyMatch(p -> p.startsWith("trustLevel must be one of [BASIS, SUBSTANTIAL, HIGH], was 'MEDIUM'"));
    }

    @Test
    public void appliesTheRulesOnceTheStructureIsRight() {
        String json = new String(resourceUnchecked("many-problems.json"), StandardCharsets.UTF_8)
                .replace("\"feecents\": 1", "\"zzz\": 0")
                .replace(",\n  \"zzz\": 0", "")
                .replace("\"fr\": \"Description\"", "\"en\": \"Description\"")
                .replace("MEDIUM", "HIGH");

        DescriptorReader.Result result = reader.read(json.getBytes(StandardCharsets.UTF_8));

        assertThat(result.problems())
                .anyMatch(p -> p.startsWith("id must be lower-case letters"))
                .anyMatch(p -> p.startsWith("leikaKey must be the 14-digit LeiKa key"))
                .anyMatch(p -> p.equals("title.de (German) is required"))
                .anyMatch(p -> p.equals("feeCents must be 0 when paymentPolicy is NONE, was 500"))
                .anyMatch(p -> p.startsWith("processingDeadlineDays must be between 1 and"))
                .anyMatch(p -> p.equals("ozgMaturityLevel must be between 0 and 4, was 7"))
                .anyMatch(p -> p.startsWith("version must be major.minor.micro"))
                .anyMatch(p -> p.startsWith("form must describe an object"));
        assertThat(result.claimedId()).isEqualTo("Bad Id!");
    }

    @Test
    public void refusesWhatIsNotAnObject() {
        assertThat(reader.read("[1,2]".getBytes(StandardCharsets.UTF_8)).problems())
                .containsExactly("must be a JSON object");
        assertThat(reader.read(new byte[0]).valid()).isFalse();
    }

    @Test
    public void refusesOversizedFilesWithoutParsingThem() {
        byte[] huge = new byte[DescriptorReader.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');

        assertThat(reader.read(huge).problems()).singleElement().asString().contains("at most");
    }

    @Test
    public void reportsMissingFieldsAndWrongTypes() {
        DescriptorReader.Result result =
                reader.read("{\"id\": 5, \"feeCents\": \"zehn\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(result.problems())
                .contains(
                        "id must be a string",
                        "office is required",
                        "feeCents must be a whole number",
                        "version is required")
                .anyMatch(p -> p.startsWith("title is required"))
                .anyMatch(p -> p.startsWith("form is required"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DescriptorReaderTest.class.getResourceAsStream("/descriptors/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] resourceUnchecked(String name) {
        try {
            return resource(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
