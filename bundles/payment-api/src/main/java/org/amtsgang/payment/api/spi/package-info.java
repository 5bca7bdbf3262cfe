/**
 * What a payment provider bundle implements: a {@link org.amtsgang.payment.api.spi.PaymentProvider}
 * registered as an OSGi service. Providers come and go at runtime; payments they started wait for
 * them and are reconciled when they return.
 */
@Export
@Version("1.0.0")
package org.amtsgang.payment.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
