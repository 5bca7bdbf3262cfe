package org.amtsgang.identity.api;

/**
 * How sure the city is of a person's identity, after the eIDAS levels of assurance.
 *
 * <p>The order of the constants is the order of assurance: a higher level satisfies every lower one.
 */
public enum TrustLevel {
    /** eIDAS "low": a self-registered account, user name and password. */
    BASIS("low"),
    /** eIDAS "substantial": e.g. an ELSTER certificate or a verified federated account. */
    SUBSTANTIAL("substantial"),
    /** eIDAS "high": e.g. the online function of the German identity card (nPA). */
    HIGH("high");

    private final String eidasLevel;

    TrustLevel(String eidasLevel) {
        this.eidasLevel = eidasLevel;
    }

    /** The eIDAS level of assurance this level corresponds to: low, substantial or high. */
    public String eidasLevel() {
        return eidasLevel;
    }

    /** Whether a principal at this level may use something that requires {@code required}. */
    public boolean satisfies(TrustLevel required) {
        return compareTo(required) >= 0;
    }
}
