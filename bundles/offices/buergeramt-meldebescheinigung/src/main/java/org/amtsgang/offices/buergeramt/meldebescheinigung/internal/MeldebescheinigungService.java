package org.amtsgang.offices.buergeramt.meldebescheinigung.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.amtsgang.catalog.api.OfficeService;
import org.amtsgang.catalog.api.dto.LocalizedText;
import org.amtsgang.catalog.api.dto.PaymentPolicy;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.identity.api.TrustLevel;
import org.osgi.service.component.annotations.Component;

/**
 * Bürgeramt – Meldebescheinigung: a certificate of the applicant's registered residence.
 *
 * <p>A Java office service, because it will carry logic of its own as the case issue adds hooks
 * (checking the register, producing the certificate as PDF). The register data behind a
 * Meldebescheinigung is personal: the service asks for the eID (trust level HIGH).
 */
@Component(
        service = OfficeService.class,
        property = OfficeService.SERVICE_ID_PROPERTY + "=" + MeldebescheinigungService.ID)
public final class MeldebescheinigungService implements OfficeService {

    static final String ID = "buergeramt-meldebescheinigung";

    private final ServiceDescriptor descriptor = new ServiceDescriptor(
            ID,
            null,
            "buergeramt",
            new LocalizedText("Meldebescheinigung", "Certificate of registration"),
            new LocalizedText(
                    "Bescheinigung über Ihre Anschrift im Melderegister, einfach oder erweitert,"
                            + " als PDF zum Herunterladen oder per Post.",
                    "Certificate of your address as held in the population register, simple or extended,"
                            + " as a PDF download or by post."),
            TrustLevel.HIGH,
            PaymentPolicy.REQUIRED,
            1000,
            form(),
            3,
            4,
            "1.0.0");

    @Override
    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    // The form lives beside the class as JSON, where it is easier to read and edit than Java text.
    private static String form() {
        try (InputStream in = MeldebescheinigungService.class.getResourceAsStream("form.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("form.schema.json is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
