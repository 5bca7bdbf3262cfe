package org.amtsgang.payment.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.junit.Test;

public class PaymentFormTest {

    @Test
    public void theFullFormIsRead() throws Exception {
        PaymentForm form = parse("outcome=success&method=sepa-debit&delayMillis=1500&duplicates=2&reorder=true");

        assertThat(form).isEqualTo(new PaymentForm(ProviderOutcome.SUCCEEDED, "sepa-debit", 1500L, 2, true));
        assertThat(form.chaos(new Chaos(0, 40, 0, false))).isEqualTo(new Chaos(1500, 40, 2, true));
    }

    @Test
    public void absentOrEmptyFieldsLeaveTheConfiguredChaos() throws Exception {
        PaymentForm form = parse("outcome=cancel&method=&delayMillis=&duplicates=");

        assertThat(form).isEqualTo(new PaymentForm(ProviderOutcome.CANCELLED, null, null, null, null));
        assertThat(form.chaos(new Chaos(300, 40, 1, true))).isEqualTo(new Chaos(300, 40, 1, true));
        assertThat(parse("outcome=failure&reorder=false")
                        .chaos(new Chaos(0, 0, 0, true))
                        .reorder())
                .isFalse();
    }

    @Test
    public void valuesAreUrlDecoded() throws Exception {
        assertThat(parse("outcome=%73uccess&method=sepa%2Ddebit").method()).isEqualTo("sepa-debit");
    }

    @Test
    public void malformedInputIsRefusedSayingWhy() {
        assertRefused("", "outcome must be");
        assertRefused("outcome=won", "outcome must be");
        assertRefused("outcome=success&method=bitcoin", "method must be one of card, sepa-debit, paypal");
        assertRefused("outcome=success&delayMillis=soon", "delayMillis must be a whole number");
        assertRefused("outcome=success&delayMillis=-1", "delayMillis must be between 0 and 3600000");
        assertRefused("outcome=success&delayMillis=3600001", "delayMillis must be between");
        assertRefused("outcome=success&duplicates=1.5", "duplicates must be a whole number");
        assertRefused("outcome=success&duplicates=11", "duplicates must be between 0 and 10");
        assertRefused("outcome=success&reorder=maybe", "reorder must be true or false");
        assertRefused("outcome=success&outcome=failure", "outcome is given more than once");
        assertRefused("outcome=success&method=%zz", "not properly URL-encoded");
    }

    private static PaymentForm parse(String body) throws PaymentForm.InvalidFormException {
        return PaymentForm.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String body, String why) {
        assertThatThrownBy(() -> parse(body))
                .as(body)
                .isInstanceOf(PaymentForm.InvalidFormException.class)
                .hasMessageContaining(why);
    }
}
