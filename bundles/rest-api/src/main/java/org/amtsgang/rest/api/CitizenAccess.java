package org.amtsgang.rest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.amtsgang.identity.api.TrustLevel;

/**
 * Access rule: citizens logged in at or above a trust level. A citizen below it gets 403 naming the
 * level needed and the logins that reach it. What a citizen may see is still theirs alone: the
 * resource checks ownership.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CitizenAccess {

    /** The lowest trust level admitted. */
    TrustLevel value() default TrustLevel.BASIS;
}
