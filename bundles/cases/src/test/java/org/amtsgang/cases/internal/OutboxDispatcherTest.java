package org.amtsgang.cases.internal;

import static org.amtsgang.cases.internal.Platform.ANNA;
import static org.amtsgang.cases.internal.Platform.HUNDESTEUER;
import static org.amtsgang.cases.internal.Platform.SARA;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.amtsgang.audit.api.AuditEntry;
import org.amtsgang.audit.api.AuditRecord;
import org.amtsgang.audit.api.AuditTrail;
import org.amtsgang.audit.api.Verification;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.cases.api.dto.NewApplication;
import org.amtsgang.cases.api.spi.CaseEvent;
import org.amtsgang.notification.api.Mail;
import org.amtsgang.notification.api.Mailer;
import org.amtsgang.notification.api.Postfach;
import org.amtsgang.notification.api.PostfachMessage;
import org.amtsgang.notification.api.PostfachPage;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Test;

/**
 * What leaves the case area: every change to the audit trail, the applicant's notifications to the
 * Postfach and by e-mail, status changes to listeners. The receivers are bound into the real
 * dispatcher's fields, as Declarative Services does with its optional dynamic references.
 */
public class OutboxDispatcherTest {

    private final DerbyJpa jpa = new DerbyJpa("cases", "/db/cases/V1__cases.sql", "/db/cases/V2__file_document.sql");
    private final Platform.Catalog catalog = new Platform.Catalog();
    private final OfficeHooks hooks = new OfficeHooks();
    private final CasesConfig config = TestConfigs.cases(Map.of("outboxPollMillis", 50L));
    private final OutboxDispatcher outbox =
            new OutboxDispatcher(Platform.noBundleContext(), config, jpa, (area, bundle) -> 1, catalog, hooks);
    private final CasesComponent cases = new CasesComponent(
            Platform.noBundleContext(),
            config,
            jpa,
            (area, bundle) -> 1,
            catalog,
            new Platform.AccountList(),
            hooks,
            new Platform.Offices(),
            outbox);

    private final RecordingTrail audit = new RecordingTrail();
    private final RecordingPostfach postfach = new RecordingPostfach();
    private final RecordingMailer mailer = new RecordingMailer();
    private final List<CaseEvent> events = new CopyOnWriteArrayList<>();

    @After
    public void close() throws InterruptedException {
        outbox.deactivate();
        jpa.close();
    }

    @Test
    public void everyChangeGoesToTheAuditTrailAndTheApplicantIsToldOfHandedInAndDecided() throws Exception {
        bindAll();
        String id = cases.create(ANNA, new NewApplication(HUNDESTEUER, CasesComponentTest.FORM, true), null)
                .view()
                .id();
        cases.assign(SARA, id, null);
        cases.decide(SARA, id, DecisionKind.APPROVE, "Steuermarke folgt.");

        eventually(() -> outbox.backlog() == 0);

        assertThat(audit.records).extracting(AuditRecord::action).containsExactly("SUBMITTED", "ASSIGNED", "DECIDED");
        assertThat(audit.records).allSatisfy(r -> {
            assertThat(r.area()).isEqualTo("cases");
            assertThat(r.subject()).isEqualTo(id);
        });
        assertThat(audit.records).extracting(AuditRecord::actor).containsExactly("anna", "sara", "sara");
        assertThat(audit.records.get(2).to()).isEqualTo("APPROVED");
        assertThat(audit.records.get(2).reason()).isEqualTo("Steuermarke folgt.");

        assertThat(postfach.messages).hasSize(3);
        assertThat(postfach.messages).allSatisfy(m -> {
            assertThat(m.recipient()).isEqualTo("anna");
            assertThat(m.reference()).isEqualTo(id);
            assertThat(m.subject()).contains(id);
            assertThat(m.text()).contains("Guten Tag Jürgen Groß").contains("English");
        });
        assertThat(postfach.messages.get(2).subject()).contains("bewilligt");
        assertThat(postfach.messages.get(2).text()).contains("Steuermarke folgt.");

        assertThat(mailer.sent).hasSize(3);
        assertThat(mailer.sent).allSatisfy(m -> assertThat(m.mail().to()).isEqualTo("anna@example.org"));
        assertThat(mailer.sent)
                .extracting(SentMail::messageId)
                .allMatch(m -> m.startsWith("case-"))
                .doesNotHaveDuplicates();

        assertThat(events)
                .extracting(CaseEvent::to)
                .containsExactly(CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW, CaseStatus.APPROVED);
    }

    @Test
    public void aReceiverThatIsAwayGetsItsDeliveriesLaterAndTheOthersGetThemOnce() throws Exception {
        bindAll();
        audit.failures.set(1);
        String id = cases.create(ANNA, new NewApplication(HUNDESTEUER, CasesComponentTest.FORM, true), null)
                .view()
                .id();

        eventually(() -> postfach.messages.size() == 1 && mailer.sent.size() == 1);
        assertThat(audit.records).isEmpty();
        assertThat(outbox.backlog()).as("held until the audit trail has it").isEqualTo(1);

        // the retry comes after a back-off of about two seconds
        eventually(() -> outbox.backlog() == 0);
        assertThat(audit.records).singleElement().satisfies(r -> assertThat(r.subject())
                .isEqualTo(id));
        assertThat(postfach.messages).as("not delivered twice").hasSize(1);
        assertThat(mailer.sent).as("not sent twice").hasSize(1);
    }

    @Test
    public void mailsWrittenToAFolderAreMadeDurableBeforeTheBatchCountsAsSent() throws Exception {
        mailer.harmlessRepeats = true;
        mailer.flushFailures.set(1);
        bindAll();
        String id = cases.create(ANNA, new NewApplication(HUNDESTEUER, CasesComponentTest.FORM, true), null)
                .view()
                .id();

        // the first flush fails: the mail does not count as sent, and goes again after the back-off
        eventually(() -> outbox.backlog() == 0);
        assertThat(mailer.sent)
                .hasSize(2)
                .extracting(SentMail::messageId)
                .containsOnly(mailer.sent.get(0).messageId());
        assertThat(mailer.calls)
                .containsExactly(
                        "send " + mailer.sent.get(0).messageId(),
                        "flush",
                        "send " + mailer.sent.get(0).messageId(),
                        "flush");
        assertThat(audit.records).singleElement().satisfies(r -> assertThat(r.subject())
                .isEqualTo(id));
        assertThat(postfach.messages).as("not delivered twice").hasSize(1);
    }

    @Test
    public void withoutAuditTrailNothingLeavesTheOutboxForGood() throws Exception {
        String id = cases.create(ANNA, new NewApplication(HUNDESTEUER, CasesComponentTest.FORM, true), null)
                .view()
                .id();
        Thread.sleep(500);

        assertThat(outbox.backlog()).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM CASES_OUTBOX WHERE CASE_ID = '" + id + "'"))
                .isEqualTo(1);

        bind("audit", audit);
        cases.assign(SARA, id, null); // wakes the dispatcher
        eventually(() -> audit.records.size() == 2);
    }

    @Test
    public void theApplicantIsNotToldWhichMemberOfStaffWorksOnTheCase() throws Exception {
        bindAll();
        String id = cases.create(ANNA, new NewApplication(HUNDESTEUER, CasesComponentTest.FORM, true), null)
                .view()
                .id();
        cases.assign(SARA, id, null);

        eventually(() -> outbox.backlog() == 0);
        assertThat(postfach.messages).hasSize(2);
        assertThat(postfach.messages).allSatisfy(m -> assertThat(m.text()).doesNotContain("sara"));
        assertThat(mailer.sent).allSatisfy(m -> assertThat(m.mail().text()).doesNotContain("sara"));
    }

    // ---- helpers ----

    private void bindAll() throws ReflectiveOperationException {
        bind("audit", audit);
        bind("postfach", postfach);
        bind("mailer", mailer);
        hooks.addListener(events::add);
    }

    private void bind(String field, Object service) throws ReflectiveOperationException {
        Field f = OutboxDispatcher.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(outbox, service);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within 15 s");
            }
            Thread.sleep(20);
        }
    }

    /** An audit trail that keeps records once per id, and can be made to fail. */
    static final class RecordingTrail implements AuditTrail {
        final List<AuditRecord> records = new CopyOnWriteArrayList<>();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void append(AuditRecord record) {
            appendAll(List.of(record));
        }

        @Override
        public synchronized void appendAll(List<AuditRecord> batch) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("audit database restarting");
            }
            for (AuditRecord r : batch) {
                if (records.stream().noneMatch(known -> known.id().equals(r.id()))) {
                    records.add(r);
                }
            }
        }

        @Override
        public List<AuditEntry> of(String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Verification verify() {
            throw new UnsupportedOperationException();
        }
    }

    static final class RecordingPostfach implements Postfach {
        final List<PostfachMessage> messages = new CopyOnWriteArrayList<>();

        @Override
        public synchronized boolean deliver(PostfachMessage message) {
            if (messages.stream().anyMatch(m -> m.id().equals(message.id()))) {
                return false;
            }
            return messages.add(message);
        }

        @Override
        public int deliverAll(List<PostfachMessage> batch) {
            int stored = 0;
            for (PostfachMessage m : batch) {
                stored += deliver(m) ? 1 : 0;
            }
            return stored;
        }

        @Override
        public PostfachPage inbox(String recipient, boolean unreadOnly, int page, int size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PostfachMessage> message(String recipient, String messageId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PostfachMessage> markRead(String recipient, String messageId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long unread(String recipient) {
            throw new UnsupportedOperationException();
        }
    }

    record SentMail(Mail mail, String messageId) {}

    static final class RecordingMailer implements Mailer {
        final List<SentMail> sent = new CopyOnWriteArrayList<>();
        /** "send <id>" and "flush", in order. */
        final List<String> calls = new CopyOnWriteArrayList<>();
        /** As a pickup folder: a repeat replaces the first copy, and mails are durable after flush. */
        volatile boolean harmlessRepeats;

        final java.util.concurrent.atomic.AtomicInteger flushFailures = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public boolean repeatsAreHarmless() {
            return harmlessRepeats;
        }

        @Override
        public void flush() {
            calls.add("flush");
            if (flushFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new org.amtsgang.notification.api.MailException("disk full", null);
            }
        }

        @Override
        public void send(Mail mail) {
            sent.add(new SentMail(mail, null));
        }

        @Override
        public void sendNow(Mail mail, String messageId) {
            calls.add("send " + messageId);
            sent.add(new SentMail(mail, messageId));
        }
    }
}
