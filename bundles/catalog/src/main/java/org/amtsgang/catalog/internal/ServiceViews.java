package org.amtsgang.catalog.internal;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.catalog.api.dto.ServicePage;
import org.amtsgang.identity.api.TrustLevel;

/** What the catalogue's HTTP API shows of services: lists without the form, details with it. */
final class ServiceViews {

    private ServiceViews() {}

    /** A service in a list. */
    record ServiceSummary(
            String id,
            String leikaKey,
            String office,
            LocalizedText title,
            LocalizedText description,
            TrustLevel trustLevel,
            PaymentPolicy paymentPolicy,
            long feeCents,
            int processingDeadlineDays,
            int ozgMaturityLevel,
            String version) {

        static ServiceSummary of(ServiceDescriptor d) {
            return new ServiceSummary(
                    d.id(),
                    d.leikaKey(),
                    d.officeId(),
                    d.title(),
                    d.description(),
                    d.trustLevel(),
                    d.paymentPolicy(),
                    d.feeCents(),
                    d.processingDeadlineDays(),
                    d.ozgMaturityLevel(),
                    d.version());
        }
    }

    /** One service with its application form (a JSON Schema, embedded as JSON). */
    record ServiceDetail(@JsonUnwrapped ServiceSummary service, @JsonRawValue String form) {

        static ServiceDetail of(ServiceDescriptor d) {
            return new ServiceDetail(ServiceSummary.of(d), d.formSchema());
        }
    }

    /** One page of services. */
    record ServiceList(List<ServiceSummary> items, int page, int size, long total) {

        static ServiceList of(ServicePage page) {
            return new ServiceList(
                    page.items().stream().map(ServiceSummary::of).toList(), page.page(), page.size(), page.total());
        }
    }
}
