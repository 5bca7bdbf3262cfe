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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.amtsgang.cases.api.CaseException;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.internal.Lifecycle.Actor;
import org.junit.Test;

/**
 * The lifecycle table, move by move, and the property issue 4 rests on: there is no path by which a
 * system or automated actor (or the applicant) decides a case.
 */
public class LifecycleTest {

    /** The table as the issue specifies it, written out independently of the implementation. */
    private static final Map<Actor, Map<CaseStatus, Set<CaseStatus>>> EXPECTED = new EnumMap<>(Actor.class);

    static {
        Map<CaseStatus, Set<CaseStatus>> applicant = new EnumMap<>(CaseStatus.class);
        applicant.put(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN));
        applicant.put(SUBMITTED, EnumSet.of(WITHDRAWN));
        applicant.put(AWAITING_PAYMENT, EnumSet.of(WITHDRAWN));
        applicant.put(IN_REVIEW, EnumSet.of(WITHDRAWN));
        applicant.put(NEEDS_INFO, EnumSet.of(IN_REVIEW, WITHDRAWN));

        Map<CaseStatus, Set<CaseStatus>> staff = new EnumMap<>(CaseStatus.class);
        staff.put(SUBMITTED, EnumSet.of(IN_REVIEW));
        staff.put(IN_REVIEW, EnumSet.of(NEEDS_INFO, APPROVED, REJECTED));
        staff.put(NEEDS_INFO, EnumSet.of(IN_REVIEW, APPROVED, REJECTED));
        staff.put(APPROVED, EnumSet.of(CLOSED));
        staff.put(REJECTED, EnumSet.of(CLOSED));
        staff.put(WITHDRAWN, EnumSet.of(CLOSED));

        Map<CaseStatus, Set<CaseStatus>> system = new EnumMap<>(CaseStatus.class);
        system.put(SUBMITTED, EnumSet.of(AWAITING_PAYMENT));
        system.put(AWAITING_PAYMENT, EnumSet.of(IN_REVIEW));

        EXPECTED.put(Actor.APPLICANT, applicant);
        EXPECTED.put(Actor.STAFF, staff);
        EXPECTED.put(Actor.SYSTEM, system);
    }

    private static boolean expected(Actor actor, CaseStatus from, CaseStatus to) {
        return EXPECTED.get(actor).getOrDefault(from, Set.of()).contains(to);
    }

    @Test
    public void everyMoveOfEveryActorIsAsTheTableSays() {
        int allowed = 0;
        for (Actor actor : Actor.values()) {
            for (CaseStatus from : CaseStatus.values()) {
                for (CaseStatus to : CaseStatus.values()) {
                    assertThat(Lifecycle.allows(actor, from, to))
                            .as("%s: %s -> %s", actor, from, to)
                            .isEqualTo(expected(actor, from, to));
                    allowed += expected(actor, from, to) ? 1 : 0;
                }
            }
        }
        assertThat(allowed).as("moves in the table").isEqualTo(7 + 10 + 2);
    }

    @Test
    public void allowedMovesPassTheCheck() {
        for (Actor actor : Actor.values()) {
            EXPECTED.get(actor)
                    .forEach((from, targets) ->
                            targets.forEach(to -> assertThatCode(() -> Lifecycle.check(actor, from, to))
                                    .as("%s: %s -> %s", actor, from, to)
                                    .doesNotThrowAnyException()));
        }
    }

    @Test
    public void everyOtherMoveIsAConflictNamingBothStates() {
        for (Actor actor : Actor.values()) {
            for (CaseStatus from : CaseStatus.values()) {
                for (CaseStatus to : CaseStatus.values()) {
                    if (expected(actor, from, to)) {
                        continue;
                    }
                    assertThatThrownBy(() -> Lifecycle.check(actor, from, to))
                            .as("%s: %s -> %s", actor, from, to)
                            .isInstanceOfSatisfying(CaseException.class, e -> assertThat(e.reason())
                                    .isEqualTo(CaseException.Reason.CONFLICT))
                            .hasMessageContaining(from.name())
                            .hasMessageContaining(to.name());
                }
            }
        }
    }

    @Test
    public void theApplicantIsToldTheMoveIsNotTheirs() {
        assertThatThrownBy(() -> Lifecycle.check(Actor.APPLICANT, IN_REVIEW, APPROVED))
                .hasMessageContaining("by the applicant");
        assertThatThrownBy(() -> Lifecycle.check(Actor.STAFF, DRAFT, SUBMITTED))
                .message()
                .doesNotContain("applicant");
    }

    @Test
    public void noSingleMoveOfTheSystemOrTheApplicantIsADecision() {
        for (Actor actor : EnumSet.of(Actor.SYSTEM, Actor.APPLICANT)) {
            for (CaseStatus from : CaseStatus.values()) {
                for (CaseStatus to : CaseStatus.values()) {
                    if (to.decided()) {
                        assertThat(Lifecycle.allows(actor, from, to))
                                .as("%s: %s -> %s", actor, from, to)
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    public void noPathOfSystemAndApplicantMovesLeadsFromAnyStateToADecision() {
        Set<Actor> nonStaff = EnumSet.of(Actor.SYSTEM, Actor.APPLICANT);
        for (CaseStatus start : CaseStatus.values()) {
            Set<CaseStatus> reachable = reachable(start, nonStaff);
            if (!start.decided()) {
                assertThat(reachable)
                        .as("reachable from %s without staff", start)
                        .doesNotContain(APPROVED, REJECTED);
            } else {
                // from a decision the only non-staff "path" is staying there: never the other decision
                assertThat(reachable)
                        .as("reachable from %s without staff", start)
                        .containsOnly(start);
            }
        }
        // the search itself is not vacuous: it finds what the two actors do reach
        assertThat(reachable(DRAFT, nonStaff))
                .containsExactlyInAnyOrder(DRAFT, SUBMITTED, AWAITING_PAYMENT, IN_REVIEW, WITHDRAWN);
    }

    @Test
    public void neitherTheSystemNorTheApplicantAloneReachesADecision() {
        for (Actor actor : EnumSet.of(Actor.SYSTEM, Actor.APPLICANT)) {
            for (CaseStatus start : CaseStatus.values()) {
                if (start.decided()) {
                    continue;
                }
                assertThat(reachable(start, EnumSet.of(actor)))
                        .as("%s from %s", actor, start)
                        .doesNotContain(APPROVED, REJECTED);
            }
        }
    }

    @Test
    public void staffDoReachADecisionOnceACaseIsHandedIn() {
        // the property above is not trivially true because decisions are unreachable for everyone
        Set<Actor> all = EnumSet.allOf(Actor.class);
        for (CaseStatus start : EnumSet.of(DRAFT, SUBMITTED, AWAITING_PAYMENT, IN_REVIEW, NEEDS_INFO)) {
            assertThat(reachable(start, all)).as("from %s", start).contains(APPROVED, REJECTED);
        }
        // ... and every move into a decision is a staff move
        for (CaseStatus from : CaseStatus.values()) {
            for (CaseStatus to : EnumSet.of(APPROVED, REJECTED)) {
                if (Lifecycle.next(from).contains(to)) {
                    assertThat(Lifecycle.allows(Actor.STAFF, from, to)).isTrue();
                }
            }
        }
    }

    @Test
    public void aClosedCaseStaysClosedAndADecisionOnlyCloses() {
        assertThat(Lifecycle.next(CLOSED)).isEmpty();
        assertThat(Lifecycle.next(APPROVED)).containsOnly(CLOSED);
        assertThat(Lifecycle.next(REJECTED)).containsOnly(CLOSED);
        assertThat(Lifecycle.next(WITHDRAWN)).containsOnly(CLOSED);
        for (CaseStatus from : CaseStatus.values()) {
            assertThat(Lifecycle.next(from)).as("from %s", from).doesNotContain(DRAFT, from);
        }
    }

    @Test
    public void nextIsTheUnionOfEveryActorsMoves() {
        for (CaseStatus from : CaseStatus.values()) {
            Set<CaseStatus> union = EnumSet.noneOf(CaseStatus.class);
            for (Actor actor : Actor.values()) {
                union.addAll(EXPECTED.get(actor).getOrDefault(from, Set.of()));
            }
            assertThat(Lifecycle.next(from)).as("from %s", from).isEqualTo(union);
        }
    }

    @Test
    public void nextCannotBeUsedToChangeTheTable() {
        Set<CaseStatus> next = Lifecycle.next(IN_REVIEW);
        try {
            next.add(CLOSED);
        } catch (UnsupportedOperationException fine) {
            // an unmodifiable answer is as good as a copy
        }
        assertThat(Lifecycle.allows(Actor.STAFF, IN_REVIEW, CLOSED)).isFalse();
        assertThat(Lifecycle.next(IN_REVIEW)).doesNotContain(CLOSED);
    }

    /** Every status reachable from the start by moves of the given actors, the start included. */
    private static Set<CaseStatus> reachable(CaseStatus start, Set<Actor> actors) {
        Set<CaseStatus> seen = EnumSet.of(start);
        Deque<CaseStatus> todo = new ArrayDeque<>(Set.of(start));
        while (!todo.isEmpty()) {
            CaseStatus from = todo.pop();
            for (Actor actor : actors) {
                for (CaseStatus to : CaseStatus.values()) {
                    if (Lifecycle.allows(actor, from, to) && seen.add(to)) {
                        todo.push(to);
                    }
                }
            }
        }
        return seen;
    }
}
