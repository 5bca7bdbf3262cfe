package org.amtsgang.rest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets one resource method accept request bodies up to another size than the platform's
 * configured maximum, e.g. for uploading a scanned document. Larger bodies get 413.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MaxBodySize {

    /** The largest body accepted, in bytes. */
    long value();
}
