package org.amtsgang.document.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amtsgang.document.api.dto.Confidentiality;
import org.amtsgang.document.internal.store.DocumentEntity;
import org.amtsgang.document.internal.store.DocumentStore;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;

/**
 * Who may read a document, in one place: the same rule decides single reads, listings and search
 * (as reader keys that the index matches). The owner and the applicant of the document's case read
 * it at every level, as does the holder of an unexpired grant; anyone logged in reads PUBLIC ones;
 * staff of the document's office read INTERNAL ones, and its leads CONFIDENTIAL ones too.
 * Operators run the platform and read no one's documents.
 */
final class Access {

    private Access() {}

    static boolean mayRead(Caller caller, DocumentEntity document, Set<String> grantedDocuments) {
        if (caller.kind() == PrincipalKind.OPERATOR) {
            return false;
        }
        if (caller.subject().equals(document.owner) || caller.subject().equals(document.participant)) {
            return true;
        }
        if (grantedDocuments.contains(document.id)) {
            return true;
        }
        return switch (Confidentiality.valueOf(document.confidentiality)) {
            case PUBLIC -> true;
            case INTERNAL -> caller.kind() == PrincipalKind.STAFF && caller.worksIn(document.officeId);
            case CONFIDENTIAL -> caller.kind() == PrincipalKind.STAFF
                    && caller.hasRole(document.officeId, Role.OFFICE_LEAD);
        };
    }

    /**
     * Whether the caller may add versions: staff of the office who read it, or the owner of a
     * document they created themselves (a citizen replacing their own upload).
     */
    static boolean mayWrite(Caller caller, DocumentEntity document) {
        if (caller.kind() == PrincipalKind.STAFF) {
            return mayRead(caller, document, Set.of()) && caller.worksIn(document.officeId);
        }
        return caller.kind() == PrincipalKind.CITIZEN
                && caller.subject().equals(document.owner)
                && caller.subject().equals(document.createdBy);
    }

    /** The listing filter for the caller. */
    static DocumentStore.Readers readers(Caller caller, Set<String> grantedDocuments) {
        Set<String> staff = new HashSet<>();
        Set<String> lead = new HashSet<>();
        if (caller.kind() == PrincipalKind.STAFF) {
            for (OfficeRole role : caller.officeRoles()) {
                staff.add(role.officeId());
                if (role.role() == Role.OFFICE_LEAD) {
                    lead.add(role.officeId());
                }
            }
        }
        return new DocumentStore.Readers(caller.subject(), staff, lead, grantedDocuments);
    }

    /** The reader keys a caller's search carries. */
    static Set<String> callerKeys(Caller caller, Set<String> grantedDocuments) {
        Set<String> keys = new HashSet<>();
        if (caller.kind() == PrincipalKind.OPERATOR) {
            return keys;
        }
        keys.add("public");
        keys.add("subject:" + caller.subject());
        for (String document : grantedDocuments) {
            keys.add("doc:" + document);
        }
        if (caller.kind() == PrincipalKind.STAFF) {
            for (OfficeRole role : caller.officeRoles()) {
                keys.add("staff:" + role.officeId());
                if (role.role() == Role.OFFICE_LEAD) {
                    keys.add("lead:" + role.officeId());
                }
            }
        }
        return keys;
    }

    /**
     * The reader keys a document's index entries carry. Grants are matched by the document's own key
     * ({@code doc:<id>}), which the caller carries only while the grant lasts: an expired grant needs
     * no change to the index.
     */
    static Set<String> documentKeys(DocumentEntity document) {
        Set<String> keys = new HashSet<>();
        keys.add("doc:" + document.id);
        for (String subject : List.of(nullToEmpty(document.owner), nullToEmpty(document.participant))) {
            if (!subject.isEmpty()) {
                keys.add("subject:" + subject);
            }
        }
        switch (Confidentiality.valueOf(document.confidentiality)) {
            case PUBLIC -> keys.add("public");
            case INTERNAL -> keys.add("staff:" + document.officeId);
            case CONFIDENTIAL -> keys.add("lead:" + document.officeId);
        }
        return keys;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
