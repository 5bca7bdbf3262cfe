package org.amtsgang.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.amtsgang.payment.api.dto.ExternalState;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.internal.Transitions.Verdict;
import org.junit.Test;

public class TransitionsTest {

    @Test
    public void anOpenPaymentTakesEveryOutcomeButNeverMovesBack() {
        assertThat(move(PaymentState.STARTED, ProviderOutcome.SUCCEEDED, false)).isEqualTo("APPLY SUCCEEDED");
        assertThat(move(PaymentState.STARTED, ProviderOutcome.FAILED, false)).isEqualTo("APPLY FAILED");
        assertThat(move(PaymentState.CREATED, ProviderOutcome.CANCELLED, false)).isEqualTo("APPLY CANCELLED");
        assertThat(move(PaymentState.STARTED, ProviderOutcome.AUTHORISED, false))
                .isEqualTo("APPLY AUTHORISED");
        assertThat(move(PaymentState.AUTHORISED, ProviderOutcome.OPEN, false)).isEqualTo("IGNORE null");
        assertThat(move(PaymentState.STARTED, ProviderOutcome.OPEN, false)).isEqualTo("IGNORE null");
    }

    @Test
    public void money_that_arrived_is_never_lost_nor_undone() {
        for (ProviderOutcome outcome : ProviderOutcome.values()) {
            for (PaymentState paid : new PaymentState[] {
                PaymentState.SUCCEEDED,
                PaymentState.REFUND_PENDING,
                PaymentState.PARTIALLY_REFUNDED,
                PaymentState.REFUNDED
            }) {
                assertThat(Transitions.of(paid, outcome, true).verdict()).isEqualTo(Verdict.IGNORE);
            }
        }
        for (PaymentState ended :
                new PaymentState[] {PaymentState.FAILED, PaymentState.CANCELLED, PaymentState.EXPIRED}) {
            assertThat(move(ended, ProviderOutcome.SUCCEEDED, false)).isEqualTo("CONFIRM_FIRST SUCCEEDED");
            assertThat(move(ended, ProviderOutcome.SUCCEEDED, true)).isEqualTo("APPLY SUCCEEDED");
            assertThat(Transitions.of(ended, ProviderOutcome.FAILED, true).verdict())
                    .isEqualTo(Verdict.IGNORE);
            assertThat(Transitions.of(ended, ProviderOutcome.OPEN, true).verdict())
                    .isEqualTo(Verdict.IGNORE);
        }
    }

    @Test
    public void internalStatesMapOntoTheFourXBezahldiensteStates() {
        assertThat(PaymentState.STARTED.external()).isEqualTo(ExternalState.INITIAL);
        assertThat(PaymentState.AUTHORISED.finished()).isFalse();
        assertThat(PaymentState.SUCCEEDED.external()).isEqualTo(ExternalState.PAYED);
        assertThat(PaymentState.REFUNDED.external()).isEqualTo(ExternalState.PAYED);
        assertThat(PaymentState.EXPIRED.external()).isEqualTo(ExternalState.FAILED);
        assertThat(PaymentState.CANCELLED.external()).isEqualTo(ExternalState.CANCELED);
        for (PaymentState s : PaymentState.values()) {
            assertThat(s.finished()).as(s.name()).isEqualTo(s.external() != ExternalState.INITIAL);
        }
    }

    private static String move(PaymentState from, ProviderOutcome outcome, boolean confirmed) {
        Transitions.Move m = Transitions.of(from, outcome, confirmed);
        return m.verdict() + " " + m.to();
    }
}
