package org.amtsgang.audit.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The platform's audit trail. */
@ProviderType
public interface AuditTrail {

    /** Appends a record; a record whose id is in the trail already is not appended again. */
    void append(AuditRecord record);

    /** Appends records in one transaction, in order; ids already in the trail are skipped. */
    void appendAll(List<AuditRecord> records);

    /** The entries about one subject, oldest first. */
    List<AuditEntry> of(String subject);

    /** Checks the whole chain, entry by entry. */
    Verification verify();
}
