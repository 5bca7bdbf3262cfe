package org.amtsgang.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.junit.Test;

public class DescriptorRulesTest {

    private final DescriptorRules rules = new DescriptorRules(new ObjectMapper());

    @Test
    public void acceptsAValidDescriptor() {
        assertThat(rules.check(Descriptors.service("standesamt-geburtsurkunde", "standesamt", "Geburtsurkunde")))
                .isEmpty();
    }

    @Test
    public void aFeeNeedsAPolicyThatChargesIt() {
        assertThat(rules.check(withPayment(PaymentPolicy.REQUIRED, 0)))
                .containsExactly("feeCents must be positive when paymentPolicy is REQUIRED");
        assertThat(rules.check(withPayment(PaymentPolicy.OPTIONAL, 0)))
                .containsExactly("feeCents must be positive when paymentPolicy is OPTIONAL");
        assertThat(rules.check(withPayment(PaymentPolicy.AFTER_DECISION, 0))).isEmpty();
        assertThat(rules.check(withPayment(PaymentPolicy.REQUIRED, -1)))
                .containsExactly("feeCents must not be negative, was -1");
        assertThat(rules.check(withPayment(null, 0))).anyMatch(p -> p.startsWith("paymentPolicy is required"));
    }

    @Test
    public void theFormMustBeASchemaForAnObjectWithFields() {
        assertThat(rules.check(withForm("not json"))).anyMatch(p -> p.startsWith("form is not valid JSON"));
        assertThat(rules.check(withForm("[]"))).containsExactly("form must be a JSON Schema object");
        assertThat(rules.check(withForm("{\"type\":\"object\"}")))
                .containsExactly("form must list the form's fields under \"properties\"");
        assertThat(rules.check(withForm(null))).anyMatch(p -> p.startsWith("form is required"));
    }

    @Test
    public void normalizesTheFormToCompactJson() {
        ServiceDescriptor spaced = withForm("{\n  \"type\": \"object\",\n  \"properties\": {}\n}");

        assertThat(rules.normalized(spaced).formSchema()).isEqualTo("{\"type\":\"object\",\"properties\":{}}");
    }

    @Test
    public void idsAreShortLowerCaseAndDashed() {
        assertThat(rules.check(Descriptors.service("a--b", "x", "T"))).hasSize(1);
        assertThat(rules.check(Descriptors.service("-a", "x", "T"))).hasSize(1);
        assertThat(rules.check(Descriptors.service("a".repeat(65), "x", "T"))).hasSize(1);
        assertThat(rules.check(Descriptors.service("a".repeat(64), "x", "T"))).isEmpty();
        assertThat(rules.check(Descriptors.service("amt-7", "Amt", "T"))).hasSize(1);
    }

    private static ServiceDescriptor withPayment(PaymentPolicy policy, long fee) {
        ServiceDescriptor d = Descriptors.service("s", "o", "T");
        return new ServiceDescriptor(
                d.id(),
                d.leikaKey(),
                d.officeId(),
                d.title(),
                d.description(),
                d.trustLevel(),
                policy,
                fee,
                d.formSchema(),
                d.processingDeadlineDays(),
                d.ozgMaturityLevel(),
                d.version());
    }

    private static ServiceDescriptor withForm(String form) {
        return Descriptors.service("s", "o", "T").withFormSchema(form);
    }
}
