package org.amtsgang.rest.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The revision of an area's public content, registered by the area as a service: it grows with
 * every change, so that the platform knows when answers marked {@link SharedCache} are stale.
 */
@ConsumerType
public interface ContentRevision {

    /** The area, as named in {@link SharedCache#value()}. */
    String area();

    /** Grows by at least one with every change of the content. */
    long revision();
}
