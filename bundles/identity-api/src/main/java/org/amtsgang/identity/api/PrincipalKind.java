package org.amtsgang.identity.api;

/** Who a caller is to the city. */
public enum PrincipalKind {
    /** A citizen, a company's representative or an architect: someone the city serves. */
    CITIZEN,
    /** A member of an office's staff, acting for the offices they hold roles in. */
    STAFF,
    /** Runs the platform; manages staff; decides nothing on cases. */
    OPERATOR
}
