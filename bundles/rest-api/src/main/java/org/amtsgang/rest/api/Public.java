package org.amtsgang.rest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Access rule: anyone may call this, logged in or not.
 *
 * <p>Every resource method declares who may call it, on the method or its class, with {@code
 * Public}, {@link CitizenAccess}, {@link StaffAccess} or {@link OperatorAccess}; several rules
 * admit anyone that one of them admits. A method without a rule is refused to everyone.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Public {}
