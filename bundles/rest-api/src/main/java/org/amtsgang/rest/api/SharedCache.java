package org.amtsgang.rest.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public GET whose answer depends on nothing but the request URI and the current revision
 * of an area's content ({@link ContentRevision}). The platform keeps such answers and serves them
 * again, in front of the JAX-RS machinery, until the revision changes: a catalogue read then costs
 * about what a static file costs. Requests with credentials always go to the resource.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SharedCache {

    /** The area whose {@link ContentRevision} decides when a kept answer is stale. */
    String value();
}
