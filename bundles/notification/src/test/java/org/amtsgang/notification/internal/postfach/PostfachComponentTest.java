package org.amtsgang.notification.internal.postfach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.amtsgang.notification.api.PostfachMessage;
import org.amtsgang.notification.api.PostfachPage;
import org.amtsgang.test.support.DerbyJpa;
import org.junit.After;
import org.junit.Test;

/** Against EclipseLink and an in-memory Derby database, as at runtime. */
public class PostfachComponentTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final AtomicLong now = new AtomicLong(T0.plusSeconds(3600).toEpochMilli());
    private final DerbyJpa jpa = new DerbyJpa("notification", "/db/notification/V1__postfach.sql");
    private final PostfachComponent postfach = new PostfachComponent(jpa, clock(now));

    @After
    public void close() {
        jpa.close();
    }

    @Test
    public void aMessageIsStoredOncePerId() {
        assertThat(postfach.deliver(message("m-1", "anna", 0))).isTrue();
        PostfachMessage again = new PostfachMessage("m-1", "anna", "office", "changed", "changed", null, T0, null);

        assertThat(postfach.deliver(again)).as("delivered before").isFalse();
        assertThat(postfach.message("anna", "m-1")).hasValue(message("m-1", "anna", 0));
        assertThat(postfach.inbox("anna", false, 0, 10).items()).hasSize(1);
    }

    @Test
    public void concurrentDeliveriesOfOneIdStoreItOnceAndNoneFails() throws Exception {
        int deliveries = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            tasks.add(() -> {
                start.await();
                return postfach.deliver(message("race", "anna", 0));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            tasks.forEach(task -> results.add(pool.submit(task)));
            start.countDown();
            int stored = 0;
            for (Future<Boolean> result : results) {
                stored += result.get() ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(postfach.unread("anna")).isEqualTo(1);
    }

    @Test
    public void theInboxIsNewestFirstInPages() {
        for (int i = 0; i < 5; i++) {
            postfach.deliver(message("m-" + i, "anna", i));
        }
        postfach.deliver(message("other", "bert", 9));

        PostfachPage first = postfach.inbox("anna", false, 0, 2);
        assertThat(first.items()).extracting(PostfachMessage::id).containsExactly("m-4", "m-3");
        assertThat(first.hasMore()).isTrue();
        assertThat(first.unread()).isEqualTo(5);

        PostfachPage last = postfach.inbox("anna", false, 2, 2);
        assertThat(last.items()).extracting(PostfachMessage::id).containsExactly("m-0");
        assertThat(last.hasMore()).isFalse();

        PostfachPage exact = postfach.inbox("anna", false, 0, 5);
        assertThat(exact.items()).hasSize(5);
        assertThat(exact.hasMore()).as("no row beyond a full last page").isFalse();

        assertThat(postfach.inbox("anna", false, 7, 2).items()).isEmpty();
    }

    @Test
    public void messagesSentAtTheSameTimeKeepOneOrderAcrossPages() {
        for (String id : List.of("b", "d", "a", "c")) {
            postfach.deliver(message(id, "anna", 0));
        }

        List<String> paged = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            postfach.inbox("anna", false, page, 1).items().forEach(m -> paged.add(m.id()));
        }
        assertThat(paged).containsExactly("d", "c", "b", "a");
    }

    @Test
    public void readingCountsOnceAndOnlyUnreadMessagesCanBeListed() {
        postfach.deliver(message("m-1", "anna", 1));
        postfach.deliver(message("m-2", "anna", 2));
        long firstRead = now.get();

        assertThat(postfach.markRead("anna", "m-1"))
                .hasValueSatisfying(m -> assertThat(m.readAt()).isEqualTo(Instant.ofEpochMilli(firstRead)));
        now.addAndGet(60_000);
        assertThat(postfach.markRead("anna", "m-1")).hasValueSatisfying(m -> assertThat(m.readAt())
                .as("the first reading counts")
                .isEqualTo(Instant.ofEpochMilli(firstRead)));

        assertThat(postfach.unread("anna")).isEqualTo(1);
        PostfachPage unread = postfach.inbox("anna", true, 0, 10);
        assertThat(unread.items()).extracting(PostfachMessage::id).containsExactly("m-2");
        assertThat(unread.unread()).isEqualTo(1);
        assertThat(postfach.inbox("anna", false, 0, 10).unread()).isEqualTo(1);
    }

    @Test
    public void aDeliveredMessageIsUnreadWhateverItsSenderSays() {
        postfach.deliver(new PostfachMessage("m-1", "anna", "office", "s", "t", null, T0, T0));

        assertThat(postfach.message("anna", "m-1"))
                .hasValueSatisfying(m -> assertThat(m.readAt()).isNull());
    }

    @Test
    public void nobodySeesOrMarksAnotherOnesMessage() {
        postfach.deliver(message("m-1", "anna", 0));

        assertThat(postfach.message("bert", "m-1")).isEmpty();
        assertThat(postfach.markRead("bert", "m-1")).isEmpty();
        assertThat(postfach.inbox("bert", false, 0, 10).items()).isEmpty();
        assertThat(postfach.unread("anna")).as("still unread").isEqualTo(1);
        assertThat(postfach.message("anna", "no-such")).isEmpty();
        assertThat(postfach.message("anna", "not/an id")).isEmpty();
    }

    @Test
    public void theLongestTextFitsItsColumn() {
        String text = "ä".repeat(PostfachValidation.MAX_TEXT);
        String subject = "ß".repeat(PostfachValidation.MAX_SUBJECT);
        String id = "i".repeat(PostfachValidation.MAX_ID);
        String reference = "r".repeat(PostfachValidation.MAX_REFERENCE);

        postfach.deliver(new PostfachMessage(id, "anna", "s".repeat(100), subject, text, reference, T0, null));

        assertThat(postfach.message("anna", id)).hasValueSatisfying(m -> {
            assertThat(m.text()).isEqualTo(text);
            assertThat(m.subject()).isEqualTo(subject);
            assertThat(m.reference()).isEqualTo(reference);
        });
    }

    @Test
    public void malformedMessagesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> postfach.deliver(null)).isInstanceOf(IllegalArgumentException.class);
        assertRefused(new PostfachMessage(" ", "anna", "o", "s", "t", null, T0, null), "id");
        assertRefused(new PostfachMessage("a/b", "anna", "o", "s", "t", null, T0, null), "letters");
        assertRefused(new PostfachMessage("m", null, "o", "s", "t", null, T0, null), "recipient");
        assertRefused(new PostfachMessage("m", "anna", "", "s", "t", null, T0, null), "sender");
        assertRefused(new PostfachMessage("m", "anna", "o", "s".repeat(201), "t", null, T0, null), "subject");
        assertRefused(new PostfachMessage("m", "anna", "o", "s", "t".repeat(8001), null, T0, null), "text");
        assertRefused(new PostfachMessage("m", "anna", "o", "s", "t", "", T0, null), "reference");
        assertRefused(new PostfachMessage("m", "anna", "o", "s", "t", null, null, null), "sentAt");

        assertThatThrownBy(() -> postfach.inbox("anna", false, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> postfach.inbox("anna", false, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> postfach.inbox("anna", false, 0, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> postfach.inbox(" ", false, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> postfach.inbox("anna", false, Integer.MAX_VALUE / 10, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRefused(PostfachMessage message, String field) {
        assertThatThrownBy(() -> postfach.deliver(message))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
    }

    static PostfachMessage message(String id, String recipient, int minute) {
        return new PostfachMessage(
                id,
                recipient,
                "buergeramt",
                "Ihr Antrag " + id,
                "Ihr Antrag ist eingegangen.",
                "case-" + id,
                T0.plusSeconds(60L * minute),
                null);
    }

    static Clock clock(AtomicLong millis) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }
        };
    }
}
