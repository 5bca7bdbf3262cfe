package org.amtsgang.rest.core.internal;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.rest.api.CitizenAccess;
import org.amtsgang.rest.api.OperatorAccess;
import org.amtsgang.rest.api.Public;
import org.amtsgang.rest.api.StaffAccess;

/**
 * The access rules one resource method declares, and the decision they give for a caller. Rules on
 * the method replace those on its class; several rules admit whom any of them admits; no rule at
 * all admits nobody.
 *
 * @param open anyone, logged in or not
 * @param citizenMinimum citizens at or above this level, or {@code null}
 * @param staffRoles staff roles admitted; empty for none
 * @param officeParam the path parameter naming the office for staff, or empty for any office
 * @param operator operators
 */
record AccessRules(
        boolean open, TrustLevel citizenMinimum, Set<Role> staffRoles, String officeParam, boolean operator) {

    static final AccessRules NONE = new AccessRules(false, null, Set.of(), "", false);

    static AccessRules of(Method method) {
        AccessRules onMethod = read(method);
        return onMethod.declared() ? onMethod : read(method.getDeclaringClass());
    }

    private static AccessRules read(AnnotatedElement element) {
        CitizenAccess citizen = element.getAnnotation(CitizenAccess.class);
        StaffAccess staff = element.getAnnotation(StaffAccess.class);
        return new AccessRules(
                element.isAnnotationPresent(Public.class),
                citizen == null ? null : citizen.value(),
                staff == null ? Set.of() : Set.copyOf(Arrays.asList(staff.value())),
                staff == null ? "" : staff.officeParam(),
                element.isAnnotationPresent(OperatorAccess.class));
    }

    boolean declared() {
        return open || citizenMinimum != null || !staffRoles.isEmpty() || operator;
    }

    /** What happens to a request. */
    sealed interface Decision {
        /** Go ahead. */
        record Allow() implements Decision {}

        /** A login is needed (401). */
        record Unauthenticated() implements Decision {}

        /** Not this caller's to do (403). */
        record Forbidden(String detail) implements Decision {}

        /** A citizen who must log in at a higher level (403 naming it). */
        record TrustTooLow(TrustLevel required, TrustLevel current) implements Decision {}
    }

    Decision decide(Optional<Caller> maybeCaller, UnaryOperator<String> pathParameter) {
        if (open) {
            return new Decision.Allow();
        }
        if (!declared()) {
            return new Decision.Forbidden("This operation declares no access rule, so nobody may use it.");
        }
        if (maybeCaller.isEmpty()) {
            return new Decision.Unauthenticated();
        }
        Caller caller = maybeCaller.get();
        if (caller.kind() == PrincipalKind.OPERATOR && operator) {
            return new Decision.Allow();
        }
        if (caller.kind() == PrincipalKind.STAFF && !staffRoles.isEmpty()) {
            if (officeParam.isEmpty()
                    ? caller.officeRoles().stream().anyMatch(r -> staffRoles.contains(r.role()))
                    : caller.hasRole(pathParameter.apply(officeParam), staffRoles.toArray(Role[]::new))) {
                return new Decision.Allow();
            }
        }
        if (caller.kind() == PrincipalKind.CITIZEN && citizenMinimum != null) {
            return caller.trustLevel().satisfies(citizenMinimum)
                    ? new Decision.Allow()
                    : new Decision.TrustTooLow(citizenMinimum, caller.trustLevel());
        }
        return new Decision.Forbidden("This is for " + String.join(" or ", whom(pathParameter)) + " only.");
    }

    /** The rules as short labels, for the OpenAPI document and the access matrix. */
    List<String> labels() {
        List<String> labels = new ArrayList<>();
        if (open) {
            labels.add("public");
        }
        if (citizenMinimum != null) {
            labels.add("citizen:" + citizenMinimum);
        }
        if (!staffRoles.isEmpty()) {
            labels.add("staff:" + roles() + (officeParam.isEmpty() ? "" : "@{" + officeParam + "}"));
        }
        if (operator) {
            labels.add("operator");
        }
        return labels;
    }

    private List<String> whom(UnaryOperator<String> pathParameter) {
        List<String> whom = new ArrayList<>();
        if (citizenMinimum != null) {
            whom.add("citizens");
        }
        if (!staffRoles.isEmpty()) {
            whom.add(
                    officeParam.isEmpty()
                            ? "staff (" + roles() + ")"
                            : "staff of office '" + pathParameter.apply(officeParam) + "' (" + roles() + ")");
        }
        if (operator) {
            whom.add("operators");
        }
        return whom;
    }

    private String roles() {
        return EnumSet.copyOf(staffRoles).stream().map(Role::name).collect(Collectors.joining("|"));
    }
}
