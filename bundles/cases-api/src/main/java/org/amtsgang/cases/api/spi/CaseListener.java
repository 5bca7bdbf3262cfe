package org.amtsgang.cases.api.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of every change of a case's status after it is committed, e.g. by payment to request a fee.
 * What must not be lost (notices to the applicant, the audit trail) does not depend on this: it
 * leaves through the case area's outbox, in the transaction of the change.
 */
@ConsumerType
public interface CaseListener {

    void statusChanged(CaseEvent event);
}
