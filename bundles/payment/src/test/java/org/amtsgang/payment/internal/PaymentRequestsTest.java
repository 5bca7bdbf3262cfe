package org.amtsgang.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.spi.CaseEvent;
import org.amtsgang.notification.api.Postfach;
import org.amtsgang.notification.api.PostfachMessage;
import org.junit.Test;

public class PaymentRequestsTest {

    private final List<PostfachMessage> delivered = new CopyOnWriteArrayList<>();
    private final Postfach postfach = (Postfach)
            Proxy.newProxyInstance(Postfach.class.getClassLoader(), new Class<?>[] {Postfach.class}, (p, m, a) -> {
                if (m.getName().equals("deliver")) {
                    delivered.add((PostfachMessage) a[0]);
                    return true;
                }
                throw new UnsupportedOperationException(m.getName());
            });
    private final PaymentRequests requests = new PaymentRequests(World.catalog(), postfach, World.config(Map.of()));

    private static CaseEvent event(String service, CaseStatus to) {
        return new CaseEvent(
                "C1",
                service,
                service.substring(0, service.indexOf('-')),
                "anna",
                CaseStatus.IN_REVIEW,
                to,
                "olga",
                Instant.now());
    }

    @Test
    public void anApprovalOfAServicePaidAfterTheDecisionAsksTheApplicantToPay() {
        requests.statusChanged(event(World.PAY_AFTER, CaseStatus.APPROVED));

        assertThat(delivered).hasSize(1);
        PostfachMessage m = delivered.get(0);
        assertThat(m.id()).isEqualTo("fee-C1"); // the case's: a repeated event asks no second time
        assertThat(m.recipient()).isEqualTo("anna");
        assertThat(m.reference()).isEqualTo("C1");
        assertThat(m.text()).contains("Gebühr").contains("C1").contains("http://localhost:8181/portal");
    }

    @Test
    public void nothingIsAskedForOtherServicesOrOtherChanges() {
        requests.statusChanged(event(World.PAY_FIRST, CaseStatus.APPROVED));
        requests.statusChanged(event(World.FREE, CaseStatus.APPROVED));
        requests.statusChanged(event(World.PAY_AFTER, CaseStatus.REJECTED));
        requests.statusChanged(event(World.PAY_AFTER, CaseStatus.IN_REVIEW));
        requests.statusChanged(event("gone-service", CaseStatus.APPROVED));

        assertThat(delivered).isEmpty();
    }
}
