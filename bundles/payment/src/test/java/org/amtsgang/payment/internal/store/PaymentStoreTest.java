package org.amtsgang.payment.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Test;

/** The store's changes on Derby: row locks, and what a change sees of the transaction's earlier ones. */
public class PaymentStoreTest {

    private final DerbyJpa jpa =
            new DerbyJpa("payment", "/db/payment/V1__payment.sql", "/db/payment/V2__receipt_document.sql");
    private final PaymentStore store = new PaymentStore(jpa);

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void aChangeHoldsThePaymentsRowLockUntilItCommits() throws Exception {
        insert("P1", "C1", "STARTED");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstHasIt = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong secondSawAt = new AtomicLong();
            AtomicLong releasedAt = new AtomicLong();
            Future<?> first = pool.submit(() -> store.change("P1", (p, tx) -> {
                firstHasIt.countDown();
                await(release);
                p.state = "SUCCEEDED";
                return null;
            }));
            assertThat(firstHasIt.await(10, TimeUnit.SECONDS)).isTrue();
            Future<String> second = pool.submit(() -> store.change("P1", (p, tx) -> {
                        secondSawAt.set(System.nanoTime());
                        return p.state;
                    })
                    .orElseThrow());
            Thread.sleep(300); // the second would have read the row by now, were it not locked
            releasedAt.set(System.nanoTime());
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            // it waited for the first and saw what the first committed
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("SUCCEEDED");
            assertThat(secondSawAt.get()).isGreaterThan(releasedAt.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void aPaymentTwiceInOneTransactionIsOneInstanceWithItsChanges() {
        insert("P1", "C1", "STARTED");
        List<Optional<String>> seen = store.changeEach(List.of("P1", "P1", "P9"), (i, p, tx) -> {
            String before = p.state;
            p.state = i == 0 ? "AUTHORISED" : "SUCCEEDED";
            return before;
        });
        assertThat(seen).containsExactly(Optional.of("STARTED"), Optional.of("AUTHORISED"), Optional.empty());
        assertThat(jpa.count("SELECT COUNT(*) FROM PAYMENT_PAYMENT WHERE ID = 'P1' AND STATE = 'SUCCEEDED'"))
                .isEqualTo(1);
    }

    @Test
    public void anotherPaymentOfTheCaseIsSeenAsChangedEarlierInTheSameTransaction() {
        insert("P1", "C1", "FAILED");
        insert("P2", "C1", "STARTED");
        insert("P3", "C2", "SUCCEEDED");
        insert("P4", "C2", "STARTED");
        List<Optional<Boolean>> kept = store.changeEach(List.of("P1", "P2", "P4"), (i, p, tx) -> {
            if (i == 0) {
                p.state = "SUCCEEDED"; // not written yet when the next change asks about the case
                return null;
            }
            return tx.otherKeptPayment(p.caseId, p.id).isPresent();
        });
        // P2 sees P1's success of this transaction; P4 sees P3's, committed long before
        assertThat(kept).containsExactly(Optional.empty(), Optional.of(true), Optional.of(true));
    }

    private void insert(String id, String caseId, String state) {
        jpa.tx(em -> {
            PaymentEntity p = new PaymentEntity();
            p.id = id;
            p.caseId = caseId;
            p.serviceId = "s";
            p.officeId = "o";
            p.payer = "anna";
            p.amountCents = 1000;
            p.purpose = "fee";
            p.haushaltsstelle = "1.02.01";
            p.objektnummer = "MB-001";
            p.provider = "test";
            p.state = state;
            p.openCaseId = state.equals("STARTED") ? caseId : null;
            p.payFirst = 1;
            p.createdAt = System.currentTimeMillis();
            p.updatedAt = p.createdAt;
            p.version = 1;
            em.persist(p);
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
