package org.amtsgang.payment.api.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A payment service provider (PSP), registered as an OSGi service by its own bundle with the
 * service property {@code amtsgang.payment.provider} set to its {@link #id()}. Providers may come and
 * go at any time: payments a provider started wait for it, and the reconciliation job asks it again
 * when it is back.
 *
 * <p>The platform believes a provider only through {@link #verify} (a notification the provider
 * signed) or {@link #status} (the provider's own answer when asked).
 */
@ConsumerType
public interface PaymentProvider {

    /** The service property naming the provider. */
    String ID_PROPERTY = "amtsgang.payment.provider";

    /** A stable id, lower-case, e.g. {@code sandbox} or {@code epaybl}. */
    String id();

    /** The provider's name, for the payer. */
    String title();

    /** The payment methods offered, e.g. {@code card}, {@code sepa-debit}, {@code paypal}. */
    List<String> methods();

    /**
     * Opens a payment session. Called at most once per payment id in the normal course, but must
     * answer a repeated call for the same payment id with the same session.
     */
    ProviderSession start(ProviderRequest request);

    /**
     * Checks a notification's signature and reads it.
     *
     * @param body the notification's body, as received
     * @param headers its HTTP headers, names in lower case
     * @throws InvalidNotificationException if it is not signed by this provider or cannot be read
     */
    ProviderNotification verify(byte[] body, Map<String, String> headers) throws InvalidNotificationException;

    /** The provider's truth about a session, or empty if it does not know the reference. */
    Optional<ProviderStatus> status(String reference);

    /**
     * Pays back part of a captured payment. Repeating the same refund id pays back nothing twice.
     *
     * @return whether the provider completed the refund (else it is pending with the provider)
     */
    boolean refund(String reference, String refundId, long amountCents);
}
