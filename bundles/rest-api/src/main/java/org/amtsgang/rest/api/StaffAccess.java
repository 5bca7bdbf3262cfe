package org.amtsgang.rest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.amtsgang.identity.api.Role;

/**
 * Access rule: members of staff holding one of the roles in the office named by a path parameter
 * — a caseworker acts only for their own office.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StaffAccess {

    /** The roles admitted. */
    Role[] value() default {Role.CASEWORKER, Role.OFFICE_LEAD};

    /**
     * The path parameter naming the office; empty admits staff holding one of the roles in any
     * office.
     */
    String officeParam() default "office";
}
