package org.amtsgang.cases.internal;

import static org.amtsgang.cases.api.dto.CaseStatus.APPROVED;
import static org.amtsgang.cases.api.dto.CaseStatus.AWAITING_PAYMENT;
import static org.amtsgang.cases.api.dto.CaseStatus.CLOSED;
import static org.amtsgang.cases.api.dto.CaseStatus.DRAFT;
import static org.amtsgang.cases.api.dto.CaseStatus.IN_REVIEW;
import static org.amtsgang.cases.api.dto.CaseStatus.NEEDS_INFO;
import static org.amtsgang.cases.api.dto.CaseStatus.REJECTED;
import static org.amtsgang.cases.api.dto.CaseStatus.SUBMITTED;
import static org.amtsgang.cases.api.dto.CaseStatus.WITHDRAWN;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.dto.CaseStatus;

/**
 * Which status may follow which, and for whom. The one table every change of a case goes through.
 *
 * <p>Deciding (into {@code APPROVED} or {@code REJECTED}) appears in the staff table only: no
 * citizen and no system actor (payment, jobs, office bundles) has a path into a decision.
 */
final class Lifecycle {

    /** Who moves a case. */
    enum Actor {
        /** The applicant. */
        APPLICANT,
        /** A member of the responsible office's staff. */
        STAFF,
        /** The platform itself, e.g. when a payment arrives; never a decision. */
        SYSTEM
    }

    private static final Map<Actor, Map<CaseStatus, Set<CaseStatus>>> ALLOWED = new EnumMap<>(Actor.class);

    static {
        Map<CaseStatus, Set<CaseStatus>> applicant = new EnumMap<>(CaseStatus.class);
        applicant.put(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN));
        applicant.put(SUBMITTED, EnumSet.of(WITHDRAWN));
        applicant.put(AWAITING_PAYMENT, EnumSet.of(WITHDRAWN));
        applicant.put(IN_REVIEW, EnumSet.of(WITHDRAWN));
        // answering the office's question hands the case back
        applicant.put(NEEDS_INFO, EnumSet.of(IN_REVIEW, WITHDRAWN));

        Map<CaseStatus, Set<CaseStatus>> staff = new EnumMap<>(CaseStatus.class);
        // claiming or assigning a handed-in case starts its review
        staff.put(SUBMITTED, EnumSet.of(IN_REVIEW));
        staff.put(IN_REVIEW, EnumSet.of(NEEDS_INFO, APPROVED, REJECTED));
        // an applicant who never answers still gets a decision
        staff.put(NEEDS_INFO, EnumSet.of(IN_REVIEW, APPROVED, REJECTED));
        staff.put(APPROVED, EnumSet.of(CLOSED));
        staff.put(REJECTED, EnumSet.of(CLOSED));
        staff.put(WITHDRAWN, EnumSet.of(CLOSED));

        Map<CaseStatus, Set<CaseStatus>> system = new EnumMap<>(CaseStatus.class);
        // the payment area holds a case until its fee is paid, then lets the review start
        system.put(SUBMITTED, EnumSet.of(AWAITING_PAYMENT));
        system.put(AWAITING_PAYMENT, EnumSet.of(IN_REVIEW));

        ALLOWED.put(Actor.APPLICANT, applicant);
        ALLOWED.put(Actor.STAFF, staff);
        ALLOWED.put(Actor.SYSTEM, system);
    }

    private Lifecycle() {}

    /** Whether the actor may move a case from one status to the other. */
    static boolean allows(Actor actor, CaseStatus from, CaseStatus to) {
        return ALLOWED.get(actor).getOrDefault(from, Set.of()).contains(to);
    }

    /** Checks a move; refuses it with a conflict naming both states. */
    static void check(Actor actor, CaseStatus from, CaseStatus to) {
        if (!allows(actor, from, to)) {
            throw new CaseException(
                    CaseException.Reason.CONFLICT,
                    "A case in status " + from + " cannot become " + to
                            + (actor == Actor.APPLICANT ? " by the applicant" : "") + ".");
        }
    }

    /** The statuses a case may go to from here, by anyone. */
    static Set<CaseStatus> next(CaseStatus from) {
        Set<CaseStatus> next = EnumSet.noneOf(CaseStatus.class);
        for (Map<CaseStatus, Set<CaseStatus>> table : ALLOWED.values()) {
            next.addAll(table.getOrDefault(from, Set.of()));
        }
        return next;
    }
}
