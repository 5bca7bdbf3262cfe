package org.amtsgang.payment.internal;

import java.time.Instant;
import java.util.Optional;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.spi.CaseEvent;
import org.amtsgang.cases.api.spi.CaseListener;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.notification.api.Postfach;
import org.amtsgang.notification.api.PostfachMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The payment request of a service paid after the decision: when such an application is approved,
 * its applicant finds a request to pay in the Postfach, next to the notice that states the fee. The
 * case area tells listeners through its outbox, so a request is not lost in a crash; the message's
 * id is the case's, so a repeated event does not ask twice.
 */
@Component(service = CaseListener.class, configurationPid = PaymentConfig.PID)
public final class PaymentRequests implements CaseListener {

    private final ServiceCatalog catalog;
    private final Postfach postfach;
    private final PaymentConfig config;

    @Activate
    public PaymentRequests(@Reference ServiceCatalog catalog, @Reference Postfach postfach, PaymentConfig config) {
        this.catalog = catalog;
        this.postfach = postfach;
        this.config = config;
    }

    @Override
    public void statusChanged(CaseEvent event) {
        if (event.to() != CaseStatus.APPROVED) {
            return;
        }
        Optional<ServiceDescriptor> service = catalog.service(event.serviceId());
        if (service.isEmpty() || service.get().paymentPolicy() != PaymentPolicy.AFTER_DECISION) {
            return;
        }
        postfach.deliver(request(event, service.get()));
    }

    PostfachMessage request(CaseEvent event, ServiceDescriptor service) {
        String text = "Ihr Antrag \"" + service.title().de() + "\" (Aktenzeichen " + event.caseId()
                + ") wurde bewilligt. Die Gebühr steht in Ihrem Bescheid; bitte bezahlen Sie sie online im Portal: "
                + config.portalUrl() + "\n\n"
                + "Your application \"" + service.title().en() + "\" (reference " + event.caseId()
                + ") has been approved. The fee is stated in your notice (Bescheid); please pay it online in the portal.";
        return new PostfachMessage(
                "fee-" + event.caseId(),
                event.applicant(),
                event.officeId(),
                "Bitte bezahlen Sie die Gebühr / Please pay the fee",
                text,
                event.caseId(),
                Instant.now(),
                null);
    }
}
