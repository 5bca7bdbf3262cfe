package org.amtsgang.payment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Payments (PID {@code org.amtsgang.payment}, file {@code etc/org.amtsgang.payment.cfg}). */
@ObjectClassDefinition(
        id = PaymentConfig.PID,
        name = "Amtsgang payment",
        description = "Online payment of fees: providers, time limits, booking data and refund rules.")
public @interface PaymentConfig {

    String PID = "org.amtsgang.payment";

    @AttributeDefinition(description = "The provider used when a payer names none")
    String defaultProvider() default "sandbox";

    @AttributeDefinition(description = "Minutes after which an unfinished payment expires")
    int expiryMinutes() default 90;

    @AttributeDefinition(description = "Seconds between reconciliation runs (asking providers about open payments)")
    int reconcileIntervalSeconds() default 60;

    @AttributeDefinition(
            description = "Seconds a payment is left to its notifications before reconciliation asks the provider")
    int reconcileAfterSeconds() default 30;

    @AttributeDefinition(
            description = "Payments one reconciliation run asks the providers about at most; the next run goes on"
                    + " where it stopped")
    int reconcileMaxPerRun() default 500;

    @AttributeDefinition(
            description = "Notifications and new payments per second from which background work (telling the"
                    + " case area of paid fees, reconciliation, expiry, receipts) waits until the rush is over, at"
                    + " most yieldMaxDelaySeconds; 0: it never waits")
    int yieldAbovePerSecond() default 100;

    @AttributeDefinition(description = "Seconds background work waits at most during a rush of notifications")
    int yieldMaxDelaySeconds() default 120;

    @AttributeDefinition(
            description = "Booking data per service: serviceId=Haushaltsstelle|Objektnummer, e.g."
                    + " buergeramt-meldebescheinigung=1.02.01.432100|MB-001")
    String[] bookings() default {};

    @AttributeDefinition(description = "Haushaltsstelle for services without their own booking data")
    String defaultHaushaltsstelle() default "0.00.00.000000";

    @AttributeDefinition(description = "Objektnummer for services without their own booking data")
    String defaultObjektnummer() default "0";

    @AttributeDefinition(
            description = "Refund rules per service: serviceId=WITHDRAWN:<percent>;REJECTED:<percent>, the share of"
                    + " the fee paid back when the application is withdrawn or rejected")
    String[] refundRules() default {};

    @AttributeDefinition(description = "Refund rule for services without their own, e.g. WITHDRAWN:100;REJECTED:0")
    String defaultRefundRule() default "WITHDRAWN:100;REJECTED:0";

    @AttributeDefinition(
            description = "Where providers may send payers back to: URL prefixes, e.g. the portal's address")
    String[] returnUrlPrefixes() default {"http://localhost:8181/"};

    @AttributeDefinition(description = "Where payers go back to when the request names no return address")
    String portalUrl() default "http://localhost:8181/portal";

    @AttributeDefinition(description = "The city's name on receipts")
    String cityName() default "Stadt Musterstadt";

    @AttributeDefinition(description = "Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf for receipts")
    String fontDirectory() default "/usr/share/fonts/truetype/dejavu";
}
