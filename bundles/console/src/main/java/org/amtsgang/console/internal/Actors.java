package org.amtsgang.console.internal;

/** Who acts when an operator types a command: recorded with every change. */
final class Actors {

    private Actors() {}

    static String console() {
        return "console:" + System.getProperty("user.name", "operator");
    }
}
