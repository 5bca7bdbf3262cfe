package org.amtsgang.console.internal;

/** Who acts when an operator types a command: recorded with every change. */
final class Actors {

    private Actors() {}

    static String console() {
        return "console:" + System.getProperty("user.name", "operator");
    }

    /** The operator at the console, as the platform's services know callers. */
    static org.amtsgang.identity.api.Caller operator() {
        return new org.amtsgang.identity.api.Caller(
                console(),
                org.amtsgang.identity.api.PrincipalKind.OPERATOR,
                "Console",
                null,
                org.amtsgang.identity.api.TrustLevel.SUBSTANTIAL,
                java.util.Set.of());
    }
}
