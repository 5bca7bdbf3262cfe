package org.amtsgang.offices.bauaufsicht.bauakteneinsicht.internal;

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
 * Bauaufsicht – Bauakteneinsicht: owners, and architects or buyers with the owner's authorisation,
 * inspect the digitised building file of a property online instead of at the counter. The fee is
 * paid when the application is handed in; a caseworker checks the legitimate interest and decides.
 */
@Component(
        service = OfficeService.class,
        property = OfficeService.SERVICE_ID_PROPERTY + "=" + BauakteneinsichtService.ID)
public final class BauakteneinsichtService implements OfficeService {

    static final String ID = "bauaufsicht-bauakteneinsicht";
    static final String OFFICE = "bauaufsicht";

    /** How long an approved inspection lasts. */
    static final int ACCESS_DAYS = 30;

    private final ServiceDescriptor descriptor = new ServiceDescriptor(
            ID,
            null,
            OFFICE,
            new LocalizedText("Bauakteneinsicht", "Inspection of building files"),
            new LocalizedText(
                    "Einsicht in die digitalisierte Bauakte eines Grundstücks: für Eigentümerinnen und Eigentümer,"
                            + " mit deren Vollmacht auch für Architektinnen, Architekten und Kaufinteressierte."
                            + " Nach der Genehmigung 30 Tage online lesbar; Kopien tragen Ihren Namen.",
                    "Inspect the digitised building file of a property: for owners, and with their authorisation"
                            + " for architects and prospective buyers. Readable online for 30 days once approved;"
                            + " copies carry your name."),
            TrustLevel.SUBSTANTIAL,
            PaymentPolicy.REQUIRED,
            2500,
            form(),
            14,
            4,
            "1.0.0");

    @Override
    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    private static String form() {
        try (InputStream in = BauakteneinsichtService.class.getResourceAsStream("form.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("form.schema.json is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
