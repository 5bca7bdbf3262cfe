package org.amtsgang.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amtsgang.audit.api.AuditRecord;
import org.junit.Test;

public class ChainTest {

    static final AuditRecord RECORD = new AuditRecord(
            "d6f1c7a0-outbox-1",
            Instant.parse("2026-03-01T10:15:30.123Z"),
            "cases",
            "2026-7K3Q-H9XW-2M4P",
            "sara",
            "DECIDED",
            "IN_REVIEW",
            "APPROVED",
            "Alle Unterlagen vollständig; Gebühr 10,00 €.");

    @Test
    public void theFirstEntryFollowsSixtyFourZeros() {
        assertThat(Chain.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    public void theHashIsSha256HexAndTheSameForTheSameInput() {
        String hash = Chain.hash(Chain.GENESIS, 1, RECORD);

        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(Chain.hash(Chain.GENESIS, 1, RECORD)).isEqualTo(hash);
        assertThat(Chain.hash(Chain.GENESIS, 1, copy(RECORD))).isEqualTo(hash);
    }

    @Test
    public void theHashOfAnEntryNeverChangesAcrossVersionsOfThePlatform() {
        // trails written by earlier releases must still verify: the hashed form is frozen. SHA-256 of
        // the UTF-8 of previous hash, sequence, id, epoch millis, area, subject, actor, action, from,
        // to and reason, joined by U+001F (computed independently of Chain)
        assertThat(Chain.hash(Chain.GENESIS, 1, RECORD))
                .isEqualTo("5ff455b6877214fb9760ce26cddad22187741aa0d4299bca5252693133ebfd71");
    }

    @Test
    public void everyFieldThePreviousHashAndTheSequenceCount() {
        String base = Chain.hash(Chain.GENESIS, 7, RECORD);
        AuditRecord r = RECORD;
        List<String> variants = new ArrayList<>();
        variants.add(Chain.hash("1" + Chain.GENESIS.substring(1), 7, r));
        variants.add(Chain.hash(Chain.GENESIS, 8, r));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        "d6f1c7a0-outbox-2",
                        r.at(),
                        r.area(),
                        r.subject(),
                        r.actor(),
                        r.action(),
                        r.from(),
                        r.to(),
                        r.reason())));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(),
                        r.at().plusMillis(1),
                        r.area(),
                        r.subject(),
                        r.actor(),
                        r.action(),
                        r.from(),
                        r.to(),
                        r.reason())));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(), r.at(), "identity", r.subject(), r.actor(), r.action(), r.from(), r.to(), r.reason())));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(),
                        r.at(),
                        r.area(),
                        "2026-7K3Q-H9XW-2M4Q",
                        r.actor(),
                        r.action(),
                        r.from(),
                        r.to(),
                        r.reason())));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(), r.at(), r.area(), r.subject(), "tom", r.action(), r.from(), r.to(), r.reason())));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(),
                        r.at(),
                        r.area(),
                        r.subject(),
                        r.actor(),
                        "DECISION_CONFIRMED",
                        r.from(),
                        r.to(),
                        r.reason())));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(),
                        r.at(),
                        r.area(),
                        r.subject(),
                        r.actor(),
                        r.action(),
                        "NEEDS_INFO",
                        r.to(),
                        r.reason())));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(),
                        r.at(),
                        r.area(),
                        r.subject(),
                        r.actor(),
                        r.action(),
                        r.from(),
                        "REJECTED",
                        r.reason())));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(),
                        r.at(),
                        r.area(),
                        r.subject(),
                        r.actor(),
                        r.action(),
                        r.from(),
                        r.to(),
                        r.reason().replace("10,00", "1,00"))));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(r.id(), r.at(), r.area(), r.subject(), r.actor(), r.action(), r.from(), r.to(), null)));
        variants.add(Chain.hash(
                Chain.GENESIS,
                7,
                new AuditRecord(
                        r.id(), r.at(), r.area(), r.subject(), r.actor(), r.action(), null, r.to(), r.reason())));

        assertThat(variants).doesNotContain(base);
        Set<String> distinct = new HashSet<>(variants);
        assertThat(distinct).as("each change makes its own hash").hasSameSizeAs(variants);
    }

    @Test
    public void theTimeCountsToTheMillisecondAsTheTrailStoresIt() {
        AuditRecord nanos = new AuditRecord(
                RECORD.id(),
                RECORD.at().plusNanos(456_789),
                RECORD.area(),
                RECORD.subject(),
                RECORD.actor(),
                RECORD.action(),
                RECORD.from(),
                RECORD.to(),
                RECORD.reason());

        assertThat(Chain.hash(Chain.GENESIS, 1, nanos)).isEqualTo(Chain.hash(Chain.GENESIS, 1, RECORD));
    }

    @Test
    public void valuesMovedBetweenNeighbouringFieldsChangeTheHash() {
        AuditRecord a = new AuditRecord("id", RECORD.at(), "cases", "s", "sara", "DECIDED", null, "APPROVED", "r");
        AuditRecord b = new AuditRecord("id", RECORD.at(), "cases", "s", "saraD", "ECIDED", null, "APPROVED", "r");

        assertThat(Chain.hash(Chain.GENESIS, 1, a)).isNotEqualTo(Chain.hash(Chain.GENESIS, 1, b));
        assertThat(Chain.hash(Chain.GENESIS, 11, a)).isNotEqualTo(Chain.hash(Chain.GENESIS + "1", 1, a));
    }

    @Test
    public void theSeparatorInAValueCannotShiftTextBetweenFields() {
        AuditRecord honest = new AuditRecord(
                "id", RECORD.at(), "cases", "s", "sara", "DECIDED", "IN_REVIEW", "APPROVED", "ok\u001fREJECTED");
        AuditRecord forged = new AuditRecord(
                "id", RECORD.at(), "cases", "s", "sara", "DECIDED", "IN_REVIEW", "APPROVED\u001fok", "REJECTED");

        assertThat(Chain.hash(Chain.GENESIS, 1, forged)).isNotEqualTo(Chain.hash(Chain.GENESIS, 1, honest));
    }

    private static AuditRecord copy(AuditRecord r) {
        return new AuditRecord(
                new String(r.id()),
                Instant.ofEpochMilli(r.at().toEpochMilli()),
                new String(r.area()),
                new String(r.subject()),
                new String(r.actor()),
                new String(r.action()),
                new String(r.from()),
                new String(r.to()),
                new String(r.reason()));
    }
}
