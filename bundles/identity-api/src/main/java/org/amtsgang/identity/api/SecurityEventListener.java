package org.amtsgang.identity.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every security event, e.g. the audit trail. Called after the change is stored; must not
 * block for long.
 */
@ConsumerType
public interface SecurityEventListener {

    void onEvent(SecurityEvent event);
}
