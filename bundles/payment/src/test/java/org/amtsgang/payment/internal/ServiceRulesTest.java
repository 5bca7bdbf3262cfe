package org.amtsgang.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.payment.internal.treasury.BookingCsv;
import org.junit.Test;

public class ServiceRulesTest {

    @Test
    public void entriesComeAsArraysOrAsOneCommaSeparatedText() {
        ServiceRules rules = new ServiceRules(World.config(Map.of(
                "bookings", new String[] {"a-x=1.1|O1, b-y=2.2|O2"},
                "refundRules", new String[] {"a-x=WITHDRAWN:80;REJECTED:25"})));

        assertThat(rules.booking("a-x").haushaltsstelle()).isEqualTo("1.1");
        assertThat(rules.booking("b-y").objektnummer()).isEqualTo("O2");
        assertThat(rules.booking("c-z").haushaltsstelle()).isEqualTo("0.00.00.000000");
        assertThat(rules.refund("a-x").percentFor(CaseStatus.WITHDRAWN)).isEqualTo(80);
        assertThat(rules.refund("a-x").percentFor(CaseStatus.REJECTED)).isEqualTo(25);
        assertThat(rules.refund("a-x").percentFor(CaseStatus.APPROVED)).isZero();
        assertThat(rules.refund("b-y").percentFor(CaseStatus.WITHDRAWN)).isEqualTo(100);
    }

    @Test
    public void aMalformedEntryIsNamed() {
        assertThatThrownBy(() -> new ServiceRules(World.config(Map.of("bookings", new String[] {"a-x=1.1"}))))
                .hasMessageContaining("a-x=1.1");
        assertThatThrownBy(() -> ServiceRules.rule("WITHDRAWN:120")).hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> ServiceRules.rule("APPROVED:10")).hasMessageContaining("only WITHDRAWN and REJECTED");
        assertThatThrownBy(() -> ServiceRules.rule("WITHDRAWN:x")).hasMessageContaining("not a percentage");
    }

    @Test
    public void csvCellsCannotRunAsFormulasOrBreakTheRow() {
        assertThat(BookingCsv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(BookingCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(BookingCsv.cell("a;b")).isEqualTo("\"a;b\"");
        assertThat(BookingCsv.cell("-5,00")).isEqualTo("-5,00");
    }
}
