/** The records the payment API takes and gives: payments, their events, refunds and bookings. */
@Export
@Version("1.0.0")
package org.amtsgang.payment.api.dto;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
