package org.amtsgang.rest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a resource method in the platform's OpenAPI document, which is built from the running
 * resources. Needed where the Java signature does not tell, e.g. a method returning {@code
 * Response} for the sake of caching headers.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiOperation {

    /** One line saying what the operation does. */
    String summary();

    /** The type of the successful response's body; {@code Void} when the signature tells. */
    Class<?> returns() default Void.class;
}
