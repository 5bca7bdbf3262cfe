package org.amtsgang.rest.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.OfficeRole;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.identity.api.Role;
import org.amtsgang.identity.api.TrustLevel;
import org.amtsgang.rest.api.CitizenAccess;
import org.amtsgang.rest.api.OperatorAccess;
import org.amtsgang.rest.api.Public;
import org.amtsgang.rest.api.StaffAccess;
import org.junit.Test;

public class AccessRulesTest {

    static final Caller CITIZEN = caller(PrincipalKind.CITIZEN, TrustLevel.BASIS);
    static final Caller CITIZEN_EID = caller(PrincipalKind.CITIZEN, TrustLevel.HIGH);
    static final Caller CASEWORKER_BUERGERAMT = new Caller(
            "s1",
            PrincipalKind.STAFF,
            "S",
            "s@x",
            TrustLevel.SUBSTANTIAL,
            Set.of(new OfficeRole("buergeramt", Role.CASEWORKER)));
    static final Caller OPERATOR = caller(PrincipalKind.OPERATOR, TrustLevel.SUBSTANTIAL);
    static final UnaryOperator<String> OFFICE_BUERGERAMT = name -> name.equals("office") ? "buergeramt" : null;
    static final UnaryOperator<String> OFFICE_STEUERAMT = name -> name.equals("office") ? "steueramt" : null;

    @CitizenAccess(TrustLevel.SUBSTANTIAL)
    static class Resource {
        public void inheritsClassRule() {}

        @Public
        public void open() {}

        @StaffAccess(Role.OFFICE_LEAD)
        @OperatorAccess
        public void leadsAndOperators() {}

        @StaffAccess(officeParam = "")
        public void anyStaff() {}
    }

    static class Undeclared {
        public void nothing() {}
    }

    @Test
    public void methodRulesReplaceClassRules() throws Exception {
        AccessRules inherited = rules(Resource.class, "inheritsClassRule");
        assertThat(inherited.labels()).containsExactly("citizen:SUBSTANTIAL");
        assertThat(rules(Resource.class, "leadsAndOperators").labels())
                .containsExactly("staff:OFFICE_LEAD@{office}", "operator");
    }

    @Test
    public void citizensBelowTheLevelAreToldWhatIsNeeded() throws Exception {
        AccessRules rules = rules(Resource.class, "inheritsClassRule");

        assertThat(rules.decide(Optional.empty(), OFFICE_BUERGERAMT))
                .isInstanceOf(AccessRules.Decision.Unauthenticated.class);
        assertThat(rules.decide(Optional.of(CITIZEN), OFFICE_BUERGERAMT))
                .isEqualTo(new AccessRules.Decision.TrustTooLow(TrustLevel.SUBSTANTIAL, TrustLevel.BASIS));
        assertThat(rules.decide(Optional.of(CITIZEN_EID), OFFICE_BUERGERAMT))
                .isInstanceOf(AccessRules.Decision.Allow.class);
        assertThat(rules.decide(Optional.of(OPERATOR), OFFICE_BUERGERAMT))
                .isInstanceOf(AccessRules.Decision.Forbidden.class);
    }

    @Test
    public void staffActOnlyForTheirOwnOffice() throws Exception {
        AccessRules anyRole = rules(Resource.class, "anyStaff");
        AccessRules leads = rules(Resource.class, "leadsAndOperators");

        assertThat(anyRole.decide(Optional.of(CASEWORKER_BUERGERAMT), OFFICE_STEUERAMT))
                .isInstanceOf(AccessRules.Decision.Allow.class);
        assertThat(leads.decide(Optional.of(CASEWORKER_BUERGERAMT), OFFICE_BUERGERAMT))
                .isEqualTo(new AccessRules.Decision.Forbidden(
                        "This is for staff of office 'buergeramt' (OFFICE_LEAD) or operators only."));
        assertThat(leads.decide(Optional.of(OPERATOR), OFFICE_STEUERAMT))
                .isInstanceOf(AccessRules.Decision.Allow.class);

        AccessRules officeBound = new AccessRules(false, null, Set.of(Role.CASEWORKER), "office", false);
        assertThat(officeBound.decide(Optional.of(CASEWORKER_BUERGERAMT), OFFICE_BUERGERAMT))
                .isInstanceOf(AccessRules.Decision.Allow.class);
        assertThat(officeBound.decide(Optional.of(CASEWORKER_BUERGERAMT), OFFICE_STEUERAMT))
                .isInstanceOf(AccessRules.Decision.Forbidden.class);
        assertThat(officeBound.decide(Optional.of(CITIZEN_EID), OFFICE_BUERGERAMT))
                .isInstanceOf(AccessRules.Decision.Forbidden.class);
    }

    @Test
    public void publicIsOpenAndNoRuleIsClosed() throws Exception {
        assertThat(rules(Resource.class, "open").decide(Optional.empty(), OFFICE_BUERGERAMT))
                .isInstanceOf(AccessRules.Decision.Allow.class);
        AccessRules none = rules(Undeclared.class, "nothing");
        assertThat(none.declared()).isFalse();
        assertThat(none.decide(Optional.of(OPERATOR), OFFICE_BUERGERAMT))
                .isInstanceOf(AccessRules.Decision.Forbidden.class);
    }

    private static AccessRules rules(Class<?> type, String method) throws NoSuchMethodException {
        return AccessRules.of(type.getMethod(method));
    }

    private static Caller caller(PrincipalKind kind, TrustLevel level) {
        return new Caller(kind.name().toLowerCase(), kind, "N", "n@x", level, Set.of());
    }
}
