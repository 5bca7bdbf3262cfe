package org.amtsgang.payment.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.persistence.EntityManager;
import org.amtsgang.payment.api.spi.ProviderOutcome;
import org.amtsgang.payment.api.spi.ProviderRequest;
import org.amtsgang.payment.api.spi.ProviderStatus;
import org.amtsgang.test.support.DerbyJpa;
import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.junit.After;
import org.junit.Test;

/** Against EclipseLink and an in-memory Derby database with the bundle's own schema, as at runtime. */
public class SessionStoreTest {

    static final String SCRIPT = "/db/paymentsandbox/V1__sandbox.sql";

    private final DerbyJpa jpa = new DerbyJpa("payment-sandbox", SCRIPT);
    private final SessionStore store = new SessionStore(jpa, Clock.systemUTC());

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void aNewSessionIsOpenWithEverythingTheRequestSaid() {
        Session s = store.open(request("pay-1", "sepa-debit"), References.next());

        assertThat(store.find(s.reference())).hasValueSatisfying(found -> {
            assertThat(found.paymentId()).isEqualTo("pay-1");
            assertThat(found.amountCents()).isEqualTo(1250);
            assertThat(found.purpose()).isEqualTo("Hundesteuer 2026, Bello");
            assertThat(found.method()).isEqualTo("sepa-debit");
            assertThat(found.returnUrl()).isEqualTo("https://portal.example/payments/return");
            assertThat(found.outcome()).isEqualTo(ProviderOutcome.OPEN);
            assertThat(found.refundedCents()).isZero();
            assertThat(found.version()).isEqualTo(1);
            assertThat(found.createdAt()).isPositive().isEqualTo(found.updatedAt());
        });
        assertThat(s.version()).isEqualTo(1);
    }

    @Test
    public void openingAPaymentAgainReturnsTheFirstSession() {
        Session first = store.open(request("pay-1", null), References.next());

        Session again = store.open(request("pay-1", "card"), References.next());

        assertThat(again.reference()).isEqualTo(first.reference());
        assertThat(again.method()).as("the first session, unchanged").isNull();
        assertThat(jpa.count("SELECT COUNT(*) FROM SANDBOX_SESSION")).isEqualTo(1);
        assertThat(store.open(request("pay-2", null), References.next()).reference())
                .isNotEqualTo(first.reference());
    }

    @Test
    public void concurrentOpensOfOnePaymentMakeOneSession() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(() -> {
                start.await();
                return store.open(request("pay-race", null), References.next()).reference();
            });
        }

        List<String> references = runAll(tasks, start);

        assertThat(references).containsOnly(references.get(0));
        assertThat(jpa.count("SELECT COUNT(*) FROM SANDBOX_SESSION")).isEqualTo(1);
    }

    @Test
    public void anOpenSessionCanSucceedAndThenNothingElse() {
        Session s = open("pay-1");

        Session paid =
                store.decide(s.reference(), ProviderOutcome.SUCCEEDED, "paypal").orElseThrow();

        assertThat(paid.outcome()).isEqualTo(ProviderOutcome.SUCCEEDED);
        assertThat(paid.method()).isEqualTo("paypal");
        assertThat(paid.version()).isEqualTo(2);
        assertThat(paid.updatedAt()).isGreaterThanOrEqualTo(s.updatedAt());
        for (ProviderOutcome next : ProviderOutcome.values()) {
            assertThatThrownBy(() -> store.decide(s.reference(), next, "card"))
                    .as("SUCCEEDED -> " + next)
                    .isInstanceOf(SessionConflictException.class)
                    .hasMessageContaining("is SUCCEEDED");
        }
        assertThat(store.find(s.reference())).hasValueSatisfying(found -> {
            assertThat(found.outcome()).isEqualTo(ProviderOutcome.SUCCEEDED);
            assertThat(found.method()).isEqualTo("paypal");
            assertThat(found.version()).isEqualTo(2);
        });
    }

    @Test
    public void aCancelledSessionIsFinal() {
        Session s = open("pay-1");
        store.decide(s.reference(), ProviderOutcome.CANCELLED, null);

        assertThatThrownBy(() -> store.decide(s.reference(), ProviderOutcome.SUCCEEDED, "card"))
                .isInstanceOf(SessionConflictException.class);
        assertThat(store.find(s.reference()).orElseThrow().outcome()).isEqualTo(ProviderOutcome.CANCELLED);
    }

    @Test
    public void aFailedSessionCanStillSucceedButNotFailOrCancelAgain() {
        Session s = open("pay-1");
        Session failed =
                store.decide(s.reference(), ProviderOutcome.FAILED, "card").orElseThrow();

        assertThatThrownBy(() -> store.decide(s.reference(), ProviderOutcome.FAILED, "card"))
                .isInstanceOf(SessionConflictException.class);
        assertThatThrownBy(() -> store.decide(s.reference(), ProviderOutcome.CANCELLED, null))
                .isInstanceOf(SessionConflictException.class);
        Session paid =
                store.decide(s.reference(), ProviderOutcome.SUCCEEDED, null).orElseThrow();

        assertThat(failed.outcome()).isEqualTo(ProviderOutcome.FAILED);
        assertThat(paid.outcome()).isEqualTo(ProviderOutcome.SUCCEEDED);
        assertThat(paid.method()).as("kept when none is given").isEqualTo("card");
        assertThat(paid.version()).isEqualTo(3);
    }

    @Test
    public void decidingAnUnknownSessionFindsNothing() {
        assertThat(store.decide("sbx_AAAAAAAAAAAAAAAAAAAA", ProviderOutcome.SUCCEEDED, "card"))
                .isEmpty();
        assertThat(store.find("sbx_AAAAAAAAAAAAAAAAAAAA")).isEmpty();
    }

    @Test
    public void aChoiceThatLosesTheRaceAfterReadingIsAConflictAndChangesNothing() {
        Session s = open("pay-1");
        // the competing click commits between this choice's read and its write
        SessionStore rival = new SessionStore(jpa, Clock.systemUTC());
        SessionStore late = new SessionStore(
                beforeFirstFlush(jpa, () -> rival.decide(s.reference(), ProviderOutcome.CANCELLED, null)),
                Clock.systemUTC());

        assertThatThrownBy(() -> late.decide(s.reference(), ProviderOutcome.SUCCEEDED, "card"))
                .isInstanceOf(SessionConflictException.class)
                .hasMessageContaining("in the meantime");

        assertThat(store.find(s.reference())).hasValueSatisfying(found -> {
            assertThat(found.outcome()).isEqualTo(ProviderOutcome.CANCELLED);
            assertThat(found.method()).isNull();
            assertThat(found.version()).isEqualTo(2);
        });
    }

    @Test
    public void ofConcurrentChoicesExactlyOneWins() throws Exception {
        Session s = open("pay-1");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ProviderOutcome outcome = i % 2 == 0 ? ProviderOutcome.SUCCEEDED : ProviderOutcome.CANCELLED;
            tasks.add(() -> {
                start.await();
                try {
                    return store.decide(s.reference(), outcome, "card")
                            .orElseThrow()
                            .outcome()
                            .name();
                } catch (SessionConflictException e) {
                    return "conflict";
                }
            });
        }

        List<String> results = runAll(tasks, start);

        assertThat(results).filteredOn("conflict"::equals).hasSize(7);
        String winner =
                results.stream().filter(r -> !r.equals("conflict")).findFirst().orElseThrow();
        assertThat(store.find(s.reference())).hasValueSatisfying(found -> {
            assertThat(found.outcome().name()).isEqualTo(winner);
            assertThat(found.version()).isEqualTo(2);
        });
    }

    @Test
    public void refundsPayBackUpToTheAmountAndARepeatedIdNothingMore() {
        Session s = paid("pay-1");

        store.refund(s.reference(), "r-1", 500);
        store.refund(s.reference(), "r-1", 500);
        store.refund(s.reference(), "r-2", 750);

        assertThat(store.find(s.reference()).orElseThrow().status())
                .isEqualTo(new ProviderStatus(ProviderOutcome.SUCCEEDED, "card", 1250, 1250));
        assertThat(jpa.count("SELECT COUNT(*) FROM SANDBOX_REFUND")).isEqualTo(2);
        assertThatThrownBy(() -> store.refund(s.reference(), "r-3", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the 0 cents left");
        store.refund(s.reference(), "r-2", 750);
        assertThat(store.find(s.reference()).orElseThrow().refundedCents()).isEqualTo(1250);
    }

    @Test
    public void refundsAreRefusedForUnpaidSessionsBadAmountsAndReusedIds() {
        Session open = open("pay-open");
        Session failed = open("pay-failed");
        store.decide(failed.reference(), ProviderOutcome.FAILED, "card");
        Session paid = paid("pay-paid");
        store.refund(paid.reference(), "r-1", 100);

        assertThatThrownBy(() -> store.refund(open.reference(), "r-2", 100))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is OPEN");
        assertThatThrownBy(() -> store.refund(failed.reference(), "r-2", 100))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.refund(paid.reference(), "r-2", 1151))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1150 cents left");
        assertThatThrownBy(() -> store.refund(paid.reference(), "r-2", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.refund(paid.reference(), "r-1", 200))
                .as("the same id for another amount")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("used before");
        assertThatThrownBy(() -> store.refund("sbx_AAAAAAAAAAAAAAAAAAAA", "r-2", 100))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.find(paid.reference()).orElseThrow().refundedCents()).isEqualTo(100);
        assertThat(jpa.count("SELECT COUNT(*) FROM SANDBOX_REFUND")).isEqualTo(1);
    }

    @Test
    public void concurrentRefundsNeverPayBackMoreThanWasPaid() throws Exception {
        Session s = paid("pay-1");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String refundId = "r-" + (i % 3); // each id twice
            tasks.add(() -> {
                start.await();
                try {
                    store.refund(s.reference(), refundId, 500);
                    return "refunded";
                } catch (IllegalArgumentException e) {
                    return "refused";
                } catch (RuntimeException e) {
                    return "busy"; // more rivals than attempts: the caller tries again, as the platform does
                }
            });
        }

        List<String> results = runAll(tasks, start);

        long refunded = store.find(s.reference()).orElseThrow().refundedCents();
        assertThat(refunded)
                .isLessThanOrEqualTo(1250)
                .isEqualTo(500 * jpa.count("SELECT COUNT(*) FROM SANDBOX_REFUND"));
        assertThat(jpa.count("SELECT COUNT(*) FROM SANDBOX_REFUND")).isBetween(1L, 2L);
        assertThat(results).contains("refunded");
    }

    // ---- helpers ----

    private Session open(String paymentId) {
        return store.open(request(paymentId, null), References.next());
    }

    private Session paid(String paymentId) {
        Session s = open(paymentId);
        return store.decide(s.reference(), ProviderOutcome.SUCCEEDED, "card").orElseThrow();
    }

    static ProviderRequest request(String paymentId, String method) {
        return new ProviderRequest(
                paymentId,
                1250,
                "Hundesteuer 2026, Bello",
                "1.0610.432100",
                "OBJ-4711",
                method,
                "https://portal.example/payments/return");
    }

    /** A template whose first flush lets something else happen first: a rival's commit. */
    private static JpaTemplate beforeFirstFlush(DerbyJpa jpa, Runnable meanwhile) {
        AtomicBoolean done = new AtomicBoolean();
        return new JpaTemplate() {
            @Override
            public <R> R txExpr(TransactionType type, EmFunction<R> code) {
                return jpa.txExpr(type, em -> code.apply(interrupted(em, meanwhile, done)));
            }

            @Override
            public void tx(TransactionType type, EmConsumer code) {
                jpa.tx(type, em -> code.accept(interrupted(em, meanwhile, done)));
            }

            @Override
            public <R> R txExpr(EmFunction<R> code) {
                return txExpr(TransactionType.Required, code);
            }

            @Override
            public void tx(EmConsumer code) {
                tx(TransactionType.Required, code);
            }
        };
    }

    private static EntityManager interrupted(EntityManager em, Runnable meanwhile, AtomicBoolean done) {
        return (EntityManager) Proxy.newProxyInstance(
                EntityManager.class.getClassLoader(), new Class<?>[] {EntityManager.class}, (p, m, a) -> {
                    if (m.getName().equals("flush") && done.compareAndSet(false, true)) {
                        meanwhile.run();
                    }
                    try {
                        return m.invoke(em, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static <T> List<T> runAll(List<Callable<T>> tasks, CountDownLatch start) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
