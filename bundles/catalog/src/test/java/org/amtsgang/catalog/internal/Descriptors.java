package org.amtsgang.catalog.internal;

import org.amtsgang.catalog.api.dto.CatalogEntry.Kind;
import org.amtsgang.catalog.api.dto.CatalogEntry.Origin;
import org.amtsgang.catalog.api.dto.Contact;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.Office;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.identity.api.TrustLevel;

/** Test data: valid descriptors and offices. */
final class Descriptors {

    static final String FORM = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}";

    private Descriptors() {}

    static ServiceDescriptor service(String id, String office, String title) {
        return new ServiceDescriptor(
                id,
                null,
                office,
                new LocalizedText(title, title + " (en)"),
                new LocalizedText("Beschreibung von " + title, "Description of " + title),
                TrustLevel.BASIS,
                PaymentPolicy.NONE,
                0,
                FORM,
                14,
                3,
                "1.0.0");
    }

    static Office office(String id) {
        return new Office(id, new LocalizedText("Amt " + id, null), new Contact(null, null, null), null);
    }

    static Contribution contribution(long bundleId, ServiceDescriptor descriptor) {
        return Contribution.valid(
                new Contribution.Key(bundleId, descriptor.id() + ".json"),
                new Origin(Kind.DESCRIPTOR, bundleId, "bundle" + bundleId + " 1.0.0", descriptor.id() + ".json"),
                descriptor);
    }
}
