package org.amtsgang.catalog.api.dto;

import org.amtsgang.identity.api.TrustLevel;

/**
 * What an online service is: everything the platform needs to list it, ask for the right identity,
 * take the application and charge for it.
 *
 * @param id stable identifier, lower-case letters, digits and dashes, e.g. {@code
 *     buergeramt-meldebescheinigung}
 * @param leikaKey the 14-digit LeiKa key (Leistungsschlüssel) of the service, or {@code null}
 * @param officeId the id of the responsible office
 * @param title the service's name
 * @param description what the service does and whom it is for
 * @param trustLevel the identity assurance an applicant needs
 * @param paymentPolicy when the fee is paid
 * @param feeCents the fee in euro cents; for {@link PaymentPolicy#AFTER_DECISION} the usual fee
 * @param formSchema the application form as a JSON Schema document (a JSON object, as text)
 * @param processingDeadlineDays the statutory processing deadline in days from submission
 * @param ozgMaturityLevel the service's maturity under the Onlinezugangsgesetz, 0 to 4
 * @param version the descriptor's version, {@code major.minor.micro}
 */
public record ServiceDescriptor(
        String id,
        String leikaKey,
        String officeId,
        LocalizedText title,
        LocalizedText description,
        TrustLevel trustLevel,
        PaymentPolicy paymentPolicy,
        long feeCents,
        String formSchema,
        int processingDeadlineDays,
        int ozgMaturityLevel,
        String version) {

    /** The same descriptor with another form schema. */
    public ServiceDescriptor withFormSchema(String schema) {
        return new ServiceDescriptor(
                id,
                leikaKey,
                officeId,
                title,
                description,
                trustLevel,
                paymentPolicy,
                feeCents,
                schema,
                processingDeadlineDays,
                ozgMaturityLevel,
                version);
    }
}
