/**
 * Fees paid online (§ 7 EGovG NRW): payments for cases, their states, refunds and the treasury's
 * bookings.
 *
 * <p>{@link Payments} is the one way to start, change or read a payment. Providers (payment service
 * providers behind ePayBL, or the sandbox) plug in through {@code org.amtsgang.payment.api.spi}; the
 * platform trusts what a provider says only through a verified notification or the provider's own
 * status answer.
 */
@Export
@Version("1.0.0")
package org.amtsgang.payment.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
