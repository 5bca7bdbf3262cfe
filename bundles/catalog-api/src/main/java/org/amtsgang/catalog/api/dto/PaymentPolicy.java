package org.amtsgang.catalog.api.dto;

/** When a service's fee is paid, after the XBezahldienste payment policy. */
public enum PaymentPolicy {
    /** The service is free of charge. */
    NONE,
    /** The citizen may pay online when applying, or later by other means. */
    OPTIONAL,
    /** The application is processed only once the fee is paid online. */
    REQUIRED,
    /** The fee is computed and requested once the application has been decided. */
    AFTER_DECISION
}
