package org.amtsgang.payment.internal;

import static org.amtsgang.payment.internal.World.ANNA;
import static org.amtsgang.payment.internal.World.BERT;
import static org.amtsgang.payment.internal.World.OLGA;
import static org.amtsgang.payment.internal.World.OPERATOR;
import static org.amtsgang.payment.internal.World.PAY_AFTER;
import static org.amtsgang.payment.internal.World.PAY_FIRST;
import static org.amtsgang.payment.internal.World.SARA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.amtsgang.cases.api.dto.CaseStatus;
import org.amtsgang.payment.api.PaymentException;
import org.amtsgang.payment.api.PaymentException.Reason;
import org.amtsgang.payment.api.dto.BookingExport;
import org.amtsgang.payment.api.dto.ExternalState;
import org.amtsgang.payment.api.dto.NewPayment;
import org.amtsgang.payment.api.dto.NewRefund;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.dto.PaymentView;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.internal.treasury.BookingCsv;
import org.amtsgang.test.support.DerbyJpa;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.After;
import org.junit.Test;
import org.junit.function.ThrowingRunnable;

/** The payment service without OSGi: the real component on Derby, with cases and a provider written after their APIs. */
public class PaymentsComponentTest {

    private static final Map<String, String> SIGNED = Map.of("x-test-signature", "good");

    private final DerbyJpa jpa =
            new DerbyJpa("payment", "/db/payment/V1__payment.sql", "/db/payment/V2__receipt_document.sql");
    private final World.CaseList cases = new World.CaseList();
    private final World.TestProvider provider = new World.TestProvider();
    private final Map<String, Object> settings = new HashMap<>(Map.of(
            "defaultProvider",
            "test",
            "reconcileAfterSeconds",
            0,
            // no reconciliation in the background: the tests run it when they mean to
            "reconcileIntervalSeconds",
            3600,
            "bookings",
            new String[] {PAY_FIRST + "=1.02.01.432100|MB-001"},
            "refundRules",
            new String[] {PAY_FIRST + "=WITHDRAWN:100;REJECTED:50"}));
    private PaymentsComponent payments = component();

    private PaymentsComponent component() {
        PaymentsComponent c = new PaymentsComponent(
                World.noBundleContext(),
                World.config(settings),
                jpa,
                (area, bundle) -> 1,
                cases.service(),
                World.catalog());
        c.addProvider(provider);
        return c;
    }

    @After
    public void close() throws InterruptedException {
        payments.deactivate();
        jpa.close();
    }

    private PaymentView pay(String caseId, String key) {
        return payments.create(ANNA, new NewPayment(caseId, null, null, null), key)
                .payment();
    }

    private PaymentView notify(PaymentView p, String eventId, ProviderOutcome outcome) {
        return payments.notify("test", World.TestProvider.body(eventId, p.id(), outcome, p.amountCents()), SIGNED);
    }

    @Test
    public void aFeePaidFirstIsBookedOnceAndLetsTheCaseGoOn() throws Exception {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);

        PaymentView started = pay("C1", "k1");
        assertThat(started.state()).isEqualTo(PaymentState.STARTED);
        assertThat(started.externalState()).isEqualTo(ExternalState.INITIAL);
        assertThat(started.finished()).isFalse();
        assertThat(started.nextUrl()).isEqualTo("https://psp.example/pay/ref-" + started.id());
        assertThat(started.amountCents()).isEqualTo(1000);
        assertThat(started.booking().haushaltsstelle()).isEqualTo("1.02.01.432100");
        assertThat(started.purpose()).startsWith(started.id() + " C1 ");

        PaymentView paid = notify(started, "e1", ProviderOutcome.SUCCEEDED);
        assertThat(paid.state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(paid.externalState()).isEqualTo(ExternalState.PAYED);
        assertThat(paid.finished()).isTrue();
        assertThat(paid.nextUrl()).isNull();
        // the same notification again, and a reconciliation, change nothing
        notify(started, "e1", ProviderOutcome.SUCCEEDED);
        provider.settle(started.id(), ProviderOutcome.SUCCEEDED, 1000);
        payments.reconcile(null);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_NOTIFICATION")).isEqualTo(1);

        waitFor(() -> cases.feePaid.size() == 1);
        assertThat(cases.feePaid).containsExactly("C1/" + started.id());
        assertThat(cases.byId.get("C1").status()).isEqualTo(CaseStatus.IN_REVIEW);
        // the note for the case area is removed right after the case was told
        waitFor(() -> jpa.count("SELECT COUNT(*) FROM PAYMENT_CASE_TODO") == 0);
    }

    @Test
    public void aRushOfNotificationsPutsTheCaseAreasFollowUpOffForAtMostItsLimit() throws Exception {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        cases.put("C2", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView first = pay("C1", "k1");
        PaymentView second = pay("C2", null);
        settings.put("yieldAbovePerSecond", 20); // a rush: 5 or more in a quarter of a second
        settings.put("yieldMaxDelaySeconds", 2);

        // a rush begins (the same request again and again: each arrives, none changes anything)
        for (int i = 0; i < 30; i++) {
            pay("C1", "k1");
            Thread.sleep(10);
        }
        long start = System.nanoTime();
        assertThat(notify(first, "e1", ProviderOutcome.SUCCEEDED).state()).isEqualTo(PaymentState.SUCCEEDED);
        while (System.nanoTime() - start < 1_000_000_000L) {
            notify(first, "e1", ProviderOutcome.SUCCEEDED);
            Thread.sleep(10);
        }
        assertThat(cases.feePaid).as("told during the rush").isEmpty();
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_CASE_TODO")).isEqualTo(1);
        // the rush goes on, but the fee waits no longer than the limit
        waitFor(() -> {
            notify(first, "e1", ProviderOutcome.SUCCEEDED);
            return cases.feePaid.size() == 1;
        });
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(waitedMillis).isBetween(1_900L, 5_000L);
        assertThat(cases.byId.get("C1").status()).isEqualTo(CaseStatus.IN_REVIEW);

        // without a rush the next paid fee is told at once
        Thread.sleep(600);
        long quiet = System.nanoTime();
        notify(second, "e2", ProviderOutcome.SUCCEEDED);
        waitFor(() -> cases.feePaid.size() == 2);
        assertThat((System.nanoTime() - quiet) / 1_000_000).isLessThan(1_000L);
    }

    @Test
    public void aCaseTheCaseAreaCannotTakeHoldsUpNoOtherAndIsToldOnceItCan() throws Exception {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        cases.put("C2", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        cases.failing.add("C1");

        PaymentView first = pay("C1", "k1");
        PaymentView second = pay("C2", "k2");
        notify(first, "e1", ProviderOutcome.SUCCEEDED);
        notify(second, "e2", ProviderOutcome.SUCCEEDED);

        waitFor(() -> cases.feePaid.contains("C2/" + second.id()));
        assertThat(cases.byId.get("C2").status()).isEqualTo(CaseStatus.IN_REVIEW);
        assertThat(cases.byId.get("C1").status()).isEqualTo(CaseStatus.AWAITING_PAYMENT);
        // only the note of the case told is gone; the other waits for the next run
        waitFor(() -> jpa.count("SELECT COUNT(*) FROM PAYMENT_CASE_TODO") == 1);

        cases.failing.clear();
        waitFor(() -> cases.byId.get("C1").status() == CaseStatus.IN_REVIEW);
        assertThat(cases.feePaid).containsExactlyInAnyOrder("C1/" + first.id(), "C2/" + second.id());
        waitFor(() -> jpa.count("SELECT COUNT(*) FROM PAYMENT_CASE_TODO") == 0);
    }

    @Test
    public void theSameKeyGivesTheSamePaymentAndAnotherRequestUnderItIsRefused() {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView first = pay("C1", "k1");

        var again = payments.create(ANNA, new NewPayment("C1", null, null, null), "k1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.payment().id()).isEqualTo(first.id());
        assertRefused(() -> payments.create(ANNA, new NewPayment("C1", null, "paypal", null), "k1"), Reason.KEY_REUSED);
        // another key while the first payment is open: one open payment per case
        assertRefused(() -> pay("C1", "k2"), Reason.CONFLICT);
        payments.cancel(ANNA, first.id());
        assertThat(pay("C1", "k2").id()).isNotEqualTo(first.id());
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_PAYMENT")).isEqualTo(2);
    }

    @Test
    public void onlyTheCasesOwnFeeIsPaidAndOnlyWhenItIsDue() {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        cases.put("C2", PAY_FIRST, "bert", CaseStatus.AWAITING_PAYMENT, 1000);
        cases.put("C3", PAY_AFTER, "anna", CaseStatus.IN_REVIEW, 5000);
        cases.put("C4", World.FREE, "anna", CaseStatus.SUBMITTED, 0);

        assertRefused(() -> pay("C2", null), Reason.NOT_FOUND); // Bert's case
        assertRefused(() -> pay("C3", null), Reason.CONFLICT); // not decided yet
        assertRefused(() -> pay("C4", null), Reason.CONFLICT); // nothing to pay
        assertRefused(() -> payments.create(OLGA, new NewPayment("C1", null, null, null), null), Reason.FORBIDDEN);
        assertRefused(() -> payments.create(ANNA, new NewPayment("C1", "nope", null, null), null), Reason.UNAVAILABLE);
        assertRefused(() -> payments.create(ANNA, new NewPayment("C1", null, "cash", null), null), Reason.BAD_REQUEST);
        assertRefused(
                () -> payments.create(ANNA, new NewPayment("C1", null, null, "https://evil.example/"), null),
                Reason.BAD_REQUEST);
        assertRefused(
                () -> payments.create(ANNA, new NewPayment("C1", null, null, null), "bad key"), Reason.BAD_REQUEST);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_PAYMENT")).isZero();

        cases.decide("C3", CaseStatus.APPROVED);
        PaymentView after = pay("C3", null);
        assertThat(after.amountCents()).isEqualTo(5000);
        assertThat(notify(after, "e1", ProviderOutcome.SUCCEEDED).state()).isEqualTo(PaymentState.SUCCEEDED);
        assertRefused(() -> pay("C3", null), Reason.CONFLICT); // paid already
    }

    @Test
    public void nobodySeesAnotherPersonsOrOfficesPayment() {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView p = pay("C1", null);

        assertRefused(() -> payments.get(BERT, p.id()), Reason.NOT_FOUND);
        assertRefused(() -> payments.events(BERT, p.id()), Reason.NOT_FOUND);
        assertRefused(() -> payments.cancel(BERT, p.id()), Reason.NOT_FOUND);
        assertRefused(() -> payments.get(SARA, p.id()), Reason.NOT_FOUND);
        assertRefused(() -> payments.get(ANNA, "../../etc/passwd"), Reason.NOT_FOUND);
        assertThat(payments.get(OLGA, p.id()).id()).isEqualTo(p.id());
        assertThat(payments.get(OPERATOR, p.id()).id()).isEqualTo(p.id());
        assertThat(payments.mine(BERT, 0, 10).total()).isZero();
        assertThat(payments.mine(ANNA, 0, 10).items())
                .extracting(PaymentView::id)
                .containsExactly(p.id());
        assertRefused(
                () -> payments.search(
                        SARA,
                        new org.amtsgang.payment.api.dto.PaymentQuery(
                                "buergeramt", null, null, null, null, null, 0, 10)),
                Reason.FORBIDDEN);
        assertThat(payments.search(
                                OLGA,
                                new org.amtsgang.payment.api.dto.PaymentQuery(
                                        "buergeramt", null, null, null, null, null, 0, 10))
                        .total())
                .isEqualTo(1);
        assertRefused(() -> payments.bookings(OLGA, LocalDate.now()), Reason.FORBIDDEN);
        assertRefused(() -> payments.bookings(ANNA, LocalDate.now()), Reason.FORBIDDEN);
    }

    @Test
    public void aForgedNotificationIsRefusedAndChangesNothing() {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView p = pay("C1", null);

        assertRefused(
                () -> payments.notify(
                        "test",
                        World.TestProvider.body("e1", p.id(), ProviderOutcome.SUCCEEDED, 1000),
                        Map.of("x-test-signature", "forged")),
                Reason.BAD_SIGNATURE);
        assertRefused(
                () -> payments.notify(
                        "test", World.TestProvider.body("e1", p.id(), ProviderOutcome.SUCCEEDED, 1000), Map.of()),
                Reason.BAD_SIGNATURE);
        assertThat(payments.get(ANNA, p.id()).state()).isEqualTo(PaymentState.STARTED);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_NOTIFICATION")).isZero();
        // the event id of a refused notification is still free for the real one
        assertThat(notify(p, "e1", ProviderOutcome.SUCCEEDED).state()).isEqualTo(PaymentState.SUCCEEDED);
    }

    @Test
    public void oneNotificationDeliveredEightTimesAtOnceIsAppliedOnce() throws Exception {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView p = pay("C1", null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<PaymentView>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // the same event, and a second event saying the same, each four times
                String event = i % 2 == 0 ? "e1" : "e2";
                all.add(pool.submit(() -> {
                    start.await();
                    return notify(p, event, ProviderOutcome.SUCCEEDED);
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<PaymentView> f : all) {
                assertThat(f.get().state()).isEqualTo(PaymentState.SUCCEEDED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isEqualTo(1);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_NOTIFICATION")).isEqualTo(2);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_EVENT WHERE TYPE = 'NOTIFIED' AND FROM_STATE <> TO_STATE"))
                .isEqualTo(1);
    }

    @Test
    public void notificationsArrivingTogetherAreEachAppliedAndOneThatIsRefusedSpoilsNoOther() throws Exception {
        java.util.List<PaymentView> paying = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            cases.put("G" + i, PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
            paying.add(pay("G" + i, null));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<PaymentView>> good = new java.util.ArrayList<>();
            java.util.List<java.util.concurrent.Future<PaymentView>> foreign = new java.util.ArrayList<>();
            for (PaymentView p : paying) {
                for (int copy = 0; copy < 2; copy++) { // each sent twice, as providers do
                    good.add(pool.submit(() -> {
                        start.await();
                        return notify(p, "e-" + p.id(), ProviderOutcome.SUCCEEDED);
                    }));
                }
                // the same payment under another payment's reference: refused, and nothing else with it
                foreign.add(pool.submit(() -> {
                    start.await();
                    return payments.notify(
                            "test",
                            ("x-" + p.id() + "|" + p.id() + "|ref-someone-else|SUCCEEDED|1000")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            SIGNED);
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<PaymentView> f : good) {
                assertThat(f.get().state()).isEqualTo(PaymentState.SUCCEEDED);
            }
            for (java.util.concurrent.Future<PaymentView> f : foreign) {
                java.util.concurrent.ExecutionException refused =
                        assertThrows(java.util.concurrent.ExecutionException.class, f::get);
                assertThat(refused.getCause()).isInstanceOf(PaymentException.class);
                assertThat(((PaymentException) refused.getCause()).reason()).isEqualTo(Reason.NOT_FOUND);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isEqualTo(24);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_NOTIFICATION")).isEqualTo(24);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_EVENT WHERE TYPE = 'NOTIFIED' AND FROM_STATE <> TO_STATE"))
                .isEqualTo(24);
    }

    @Test
    public void lateAndReorderedNotificationsNeverMoveAPaymentBack() {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView p = pay("C1", null);

        notify(p, "e2", ProviderOutcome.SUCCEEDED);
        assertThat(notify(p, "e1", ProviderOutcome.OPEN).state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(notify(p, "e3", ProviderOutcome.FAILED).state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(notify(p, "e4", ProviderOutcome.CANCELLED).state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(payments.events(ANNA, p.id()))
                .extracting(e -> e.type() + ":" + e.to())
                .containsExactly(
                        "CREATED:STARTED",
                        "NOTIFIED:SUCCEEDED",
                        "NOTIFIED:SUCCEEDED",
                        "NOTIFIED:SUCCEEDED",
                        "NOTIFIED:SUCCEEDED");
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isEqualTo(1);
    }

    @Test
    public void aSuccessAfterAFailureCountsOnlyWhenTheProviderConfirmsIt() {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView p = pay("C1", null);
        provider.settle(p.id(), ProviderOutcome.FAILED, 0);
        assertThat(notify(p, "e1", ProviderOutcome.FAILED).state()).isEqualTo(PaymentState.FAILED);

        // the provider's own record still says failed: a "success" is not believed
        assertThat(notify(p, "e2", ProviderOutcome.SUCCEEDED).state()).isEqualTo(PaymentState.FAILED);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isZero();

        // the payer tried again and paid: now the provider confirms
        provider.settle(p.id(), ProviderOutcome.SUCCEEDED, 1000);
        assertThat(notify(p, "e3", ProviderOutcome.SUCCEEDED).state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isEqualTo(1);
    }

    @Test
    public void aLateSuccessOfAFailedPaymentAfterTheCaseWasPaidAgainIsPaidBack() throws Exception {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView failed = pay("C1", null);
        provider.settle(failed.id(), ProviderOutcome.FAILED, 0);
        notify(failed, "e1", ProviderOutcome.FAILED);
        PaymentView again = pay("C1", null); // the payer tries again, and pays
        provider.settle(again.id(), ProviderOutcome.SUCCEEDED, 1000);
        assertThat(notify(again, "e2", ProviderOutcome.SUCCEEDED).state()).isEqualTo(PaymentState.SUCCEEDED);

        // now the provider confirms that the first attempt went through after all
        provider.settle(failed.id(), ProviderOutcome.SUCCEEDED, 1000);
        PaymentView late = notify(failed, "e3", ProviderOutcome.SUCCEEDED);

        assertThat(late.state()).isEqualTo(PaymentState.REFUND_PENDING);
        payments.reconcile(null); // the refund job asks the provider
        PaymentView paidBack = payments.get(ANNA, failed.id());
        assertThat(paidBack.state()).isEqualTo(PaymentState.REFUNDED);
        assertThat(paidBack.refundedCents()).isEqualTo(1000);
        assertThat(provider.refunds.values()).containsExactly(1000L);
        assertThat(payments.get(ANNA, again.id()).state()).isEqualTo(PaymentState.SUCCEEDED);
        // booked in and out again: the treasury sees the case's fee once
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isEqualTo(3);
        assertThat(jpa.count("SELECT SUM(AMOUNT_CENTS) FROM PAYMENT_BOOKING")).isEqualTo(1000);
        waitFor(() -> cases.feePaid.size() == 1);
        Thread.sleep(300);
        assertThat(cases.feePaid).containsExactly("C1/" + again.id());
    }

    @Test
    public void reconciliationAndExpiryFollowTheProvidersTruth() throws InterruptedException {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        cases.put("C2", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        cases.put("C3", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView lost = pay("C1", null); // paid, but its notification never came
        PaymentView forgotten = pay("C2", null); // never finished
        PaymentView paidLate = pay("C3", null); // paid just before the sweep
        provider.settle(lost.id(), ProviderOutcome.SUCCEEDED, 1000);
        Thread.sleep(5);

        var report = payments.reconcile(null);
        assertThat(report.checked()).isEqualTo(3);
        assertThat(report.changed()).isEqualTo(1);
        assertThat(payments.get(ANNA, lost.id()).state()).isEqualTo(PaymentState.SUCCEEDED);

        payments.deactivate();
        settings.put("expiryMinutes", 0);
        payments = component();
        provider.settle(paidLate.id(), ProviderOutcome.SUCCEEDED, 1000);
        assertThat(payments.expireOverdue()).isEqualTo(1);
        assertThat(payments.get(ANNA, forgotten.id()).state()).isEqualTo(PaymentState.EXPIRED);
        assertThat(payments.get(ANNA, forgotten.id()).externalState()).isEqualTo(ExternalState.FAILED);
        assertThat(payments.get(ANNA, paidLate.id()).state()).isEqualTo(PaymentState.SUCCEEDED);
        // an expired payment frees the case for a new one
        assertThat(pay("C2", null).state()).isEqualTo(PaymentState.STARTED);
    }

    @Test
    public void manyRealFailuresDoNotHideALostSuccessFromReconciliation() {
        // 600 failed payments, older than the one whose success notification was lost
        long old = System.currentTimeMillis() - 60_000;
        for (int i = 0; i < 600; i++) {
            jpa.execute("INSERT INTO PAYMENT_PAYMENT (ID, CASE_ID, SERVICE_ID, OFFICE_ID, PAYER, AMOUNT_CENTS, PURPOSE,"
                    + " HAUSHALTSSTELLE, OBJEKTNUMMER, PROVIDER, PROVIDER_REF, STATE, PAY_FIRST, CREATED_AT, UPDATED_AT,"
                    + " VERSION) VALUES ('P2026-0000-0000-" + String.format("%04d", i) + "', 'X" + i + "', '"
                    + PAY_FIRST
                    + "', 'buergeramt', 'anna', 1000, 'p', 'h', 'o', 'test', 'ref-none-" + i + "', 'FAILED', 1, "
                    + (old + i)
                    + ", "
                    + (old + i) + ", 1)");
        }
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView p = pay("C1", null);
        provider.settle(p.id(), ProviderOutcome.FAILED, 0);
        notify(p, "e1", ProviderOutcome.FAILED);
        provider.settle(p.id(), ProviderOutcome.SUCCEEDED, 1000); // its notification never arrives

        // a run asks about 500 at most (reconcileMaxPerRun), oldest first: not yet the lost success
        assertThat(payments.reconcile(null).checked()).isEqualTo(500);
        assertThat(payments.get(ANNA, p.id()).state()).isEqualTo(PaymentState.FAILED);
        // the next run goes on where the first stopped (the other 101, the lost success among them),
        // then from the beginning again, none twice in one run
        int asked = provider.statusQueries.get();
        assertThat(payments.reconcile(null).checked()).isEqualTo(500);
        assertThat(payments.get(ANNA, p.id()).state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(provider.statusQueries.get() - asked).isEqualTo(500);
        assertThat(provider.distinctStatusQueries(asked)).isEqualTo(500);
    }

    @Test
    public void refundsFollowTheServiceRuleAndWhatTheCallerSaw() throws Exception {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView p = pay("C1", null);
        notify(p, "e1", ProviderOutcome.SUCCEEDED);
        // the case area is told in the background; the decisions below come after, as in life
        waitFor(() -> cases.byId.get("C1").status() == CaseStatus.IN_REVIEW);

        assertThat(payments.refundable(OLGA, p.id())).isZero(); // the case is not withdrawn or rejected
        cases.decide("C1", CaseStatus.REJECTED);
        assertThat(payments.refundable(OLGA, p.id())).isEqualTo(500); // REJECTED:50
        cases.decide("C1", CaseStatus.WITHDRAWN);
        assertThat(payments.refundable(OLGA, p.id())).isEqualTo(1000);

        assertRefused(() -> payments.refund(OLGA, p.id(), new NewRefund(400, "zurückgenommen"), 500), Reason.STALE);
        assertRefused(() -> payments.refund(OLGA, p.id(), new NewRefund(1400, "zu viel"), 1000), Reason.CONFLICT);
        assertRefused(() -> payments.refund(OLGA, p.id(), new NewRefund(400, " "), 1000), Reason.BAD_REQUEST);
        assertRefused(() -> payments.refund(SARA, p.id(), new NewRefund(400, "x"), 1000), Reason.NOT_FOUND);
        assertRefused(() -> payments.refund(ANNA, p.id(), new NewRefund(400, "x"), 1000), Reason.FORBIDDEN);

        var refund = payments.refund(OLGA, p.id(), new NewRefund(400, "Antrag zurückgenommen"), 1000);
        assertThat(refund.succeeded()).isTrue();
        assertThat(refund.payment().state()).isEqualTo(PaymentState.PARTIALLY_REFUNDED);
        assertThat(refund.payment().refundedCents()).isEqualTo(400);
        assertThat(payments.refundable(OLGA, p.id())).isEqualTo(600);
        // a second member of staff who read 1000 before is stopped
        assertRefused(() -> payments.refund(OLGA, p.id(), new NewRefund(600, "Rest"), 1000), Reason.STALE);
        assertThat(payments.refund(OLGA, p.id(), new NewRefund(600, "Rest"), 600)
                        .payment()
                        .state())
                .isEqualTo(PaymentState.REFUNDED);
        assertThat(provider.refunds.values()).containsExactlyInAnyOrder(400L, 600L);
        assertThat(jpa.count("SELECT SUM(AMOUNT_CENTS) FROM PAYMENT_BOOKING")).isZero();
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isEqualTo(3);
    }

    @Test
    public void aRefundTheProviderRefusesRestoresThePayment() throws Exception {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView p = pay("C1", null);
        notify(p, "e1", ProviderOutcome.SUCCEEDED);
        waitFor(() -> cases.byId.get("C1").status() == CaseStatus.IN_REVIEW);
        cases.decide("C1", CaseStatus.WITHDRAWN);
        provider.refuseRefunds = true;

        var refund = payments.refund(OLGA, p.id(), new NewRefund(1000, "zurückgenommen"), 1000);
        assertThat(refund.succeeded()).isFalse();
        assertThat(refund.payment().state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(payments.refundable(OLGA, p.id())).isEqualTo(1000);
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_BOOKING")).isEqualTo(1);
    }

    @Test
    public void theTreasuryGetsTheDaysBookingsWithTotalsAndPayersAReceipt() throws IOException {
        cases.put("C1", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        cases.put("C2", PAY_AFTER, "anna", CaseStatus.APPROVED, 5000);
        cases.decide("C2", CaseStatus.APPROVED);
        PaymentView a = pay("C1", null);
        PaymentView b = pay("C2", null);
        notify(a, "e1", ProviderOutcome.SUCCEEDED);
        notify(b, "e2", ProviderOutcome.SUCCEEDED);

        BookingExport export = payments.bookings(OPERATOR, LocalDate.now(PaymentIds.CITY_TIME));
        assertThat(export.lines()).hasSize(2);
        assertThat(export.totalsByHaushaltsstelle())
                .containsEntry("1.02.01.432100", 1000L)
                .containsEntry("0.00.00.000000", 5000L);
        String csv = BookingCsv.of(export);
        assertThat(csv.lines().count()).isEqualTo(1 + 2 + 2);
        assertThat(csv).contains(";1.02.01.432100;MB-001;10,00;1000;" + a.id() + ";C1;");
        assertThat(csv).contains("S;" + export.day() + ";1.02.01.432100;;10,00;1000;");

        assertRefused(() -> payments.receipt(BERT, a.id()), Reason.NOT_FOUND);
        byte[] pdf = payments.receipt(ANNA, a.id()).pdf();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("Quittung")
                    .contains(a.id())
                    .contains("10,00 €")
                    .contains("1.02.01.432100");
        }
        assertThat(payments.receipt(OLGA, a.id()).pdf()).isNotEmpty();
        cases.put("C9", PAY_FIRST, "anna", CaseStatus.AWAITING_PAYMENT, 1000);
        PaymentView open = pay("C9", null);
        assertRefused(() -> payments.receipt(ANNA, open.id()), Reason.CONFLICT);
    }

    private static void assertRefused(ThrowingRunnable call, Reason reason) {
        PaymentException e = assertThrows(PaymentException.class, call);
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("condition within 10 s").isTrue();
    }
}
