package org.amtsgang.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.internal.store.CaseEntity;
import org.junit.Test;

/** Deadlines in the city's time, and what applicants see of a case. */
public class ViewsTest {

    @Test
    public void aCaseIsDueAtTheEndOfItsDueDayInTheCity() {
        long submitted = ZonedDateTime.parse("2026-03-01T23:30:00+01:00[Europe/Berlin]")
                .toInstant()
                .toEpochMilli();

        long dueAt = Views.dueAt(submitted, 30);

        // 30 days after 1 March, across the change to summer time on 29 March
        assertThat(dueAt)
                .isEqualTo(ZonedDateTime.parse("2026-04-01T00:00:00+02:00[Europe/Berlin]")
                        .toInstant()
                        .toEpochMilli());
        assertThat(view(submitted, dueAt).dueDate()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    public void theDayCountsInTheCityNotInUtc() {
        // 00:30 in Berlin is still the previous day in UTC
        long submitted = ZonedDateTime.parse("2026-06-10T00:30:00+02:00[Europe/Berlin]")
                .toInstant()
                .toEpochMilli();

        assertThat(view(submitted, Views.dueAt(submitted, 3)).dueDate()).isEqualTo(LocalDate.of(2026, 6, 13));
        assertThat(view(submitted, Views.dueAt(submitted, 0)).dueDate()).isEqualTo(LocalDate.of(2026, 6, 10));
        assertThat(Views.dateOf(submitted)).isEqualTo("10.06.2026");
    }

    @Test
    public void theApplicantSeesNeitherTheAssigneeNorAProposalNorWhoDecided() {
        CaseEntity c = entity();
        c.status = "IN_REVIEW";
        c.assignee = "sara";
        c.decisionKind = "APPROVE";
        c.decisionReason = "ok";
        c.decidedBy = "sara";
        c.decidedAt = c.createdAt;

        CaseView staff = Views.of(c, false);
        CaseView applicant = Views.forApplicant(c);

        assertThat(staff.assignee()).isEqualTo("sara");
        assertThat(staff.decision().decidedBy()).isEqualTo("sara");
        assertThat(staff.formData()).isNull();
        assertThat(applicant.assignee()).isNull();
        assertThat(applicant.decision()).as("proposed, not decided").isNull();
        assertThat(applicant.formData()).isEqualTo("{}");

        c.status = "APPROVED";
        c.confirmedBy = "tom";
        c.confirmedAt = c.createdAt;
        assertThat(Views.forApplicant(c).decision().decidedBy()).isEqualTo("steueramt");
        assertThat(Views.forApplicant(c).decision().confirmedBy()).isEqualTo("steueramt");
        assertThat(Views.of(c, true).decision().confirmedBy()).isEqualTo("tom");
        c.assignee = "";
        assertThat(Views.of(c, true).assignee()).as("unassigned").isNull();
    }

    private static CaseView view(long submitted, long dueAt) {
        CaseEntity c = entity();
        c.submittedAt = submitted;
        c.dueAt = dueAt;
        return Views.of(c, true);
    }

    private static CaseEntity entity() {
        CaseEntity c = new CaseEntity();
        c.id = "2026-7K3Q-H9XW-2M4P";
        c.serviceId = Platform.HUNDESTEUER;
        c.serviceVersion = "1.0.0";
        c.officeId = "steueramt";
        c.applicant = "anna";
        c.status = "SUBMITTED";
        c.formData = "{}";
        c.createdAt = 1_772_000_000_000L;
        c.updatedAt = c.createdAt;
        return c;
    }
}
