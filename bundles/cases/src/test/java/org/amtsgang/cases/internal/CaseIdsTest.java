package org.amtsgang.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Year;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

public class CaseIdsTest {

    @Test
    public void anIdIsTheYearAndThreeGroupsOfFourCrockfordCharacters() {
        int before = Year.now(ZoneId.of("Europe/Berlin")).getValue();
        String id = CaseIds.next();
        int after = Year.now(ZoneId.of("Europe/Berlin")).getValue();

        assertThat(id).hasSize(19).matches("\\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
        assertThat(Integer.parseInt(id.substring(0, 4))).isBetween(before, after);
        assertThat(CaseIds.plausible(id)).isTrue();
    }

    @Test
    public void idsNeverHoldLettersThatAreMisreadOnThePhone() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = CaseIds.next();
            for (char c : id.substring(5).replace("-", "").toCharArray()) {
                seen.add(c);
            }
            assertThat(id).doesNotContain("I", "L", "O", "U");
            assertThat(CaseIds.plausible(id)).as(id).isTrue();
        }
        // 24,000 random characters: every one of the 32 has shown up
        assertThat(seen).hasSize(32);
    }

    @Test
    public void manyIdsAreAllDifferent() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(CaseIds.next());
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    public void plausibleAcceptsOnlyTheShape() {
        assertThat(CaseIds.plausible("2026-7K3Q-H9XW-2M4P")).isTrue();
        assertThat(CaseIds.plausible("2026-0000-ZZZZ-ABCD")).isTrue();

        assertThat(CaseIds.plausible(null)).isFalse();
        assertThat(CaseIds.plausible("")).isFalse();
        assertThat(CaseIds.plausible("2026-7k3q-h9xw-2m4p")).as("lower case").isFalse();
        assertThat(CaseIds.plausible("2026-7K3Q-H9XW-2M4")).as("too short").isFalse();
        assertThat(CaseIds.plausible("2026-7K3Q-H9XW-2M4PX")).as("too long").isFalse();
        assertThat(CaseIds.plausible("2026-7K3Q-H9XW")).isFalse();
        assertThat(CaseIds.plausible("26-7K3Q-H9XW-2M4P")).isFalse();
        assertThat(CaseIds.plausible("2026_7K3Q_H9XW_2M4P")).isFalse();
        assertThat(CaseIds.plausible("2026-7K3Q-H9XW-2M4P\n")).isFalse();
        assertThat(CaseIds.plausible("x2026-7K3Q-H9XW-2M4P")).isFalse();
        assertThat(CaseIds.plausible("2026-7K3Q-H9XW-2M4P' OR '1'='1")).isFalse();
        for (String excluded : new String[] {"I", "L", "O", "U"}) {
            assertThat(CaseIds.plausible("2026-7K3Q-H9XW-2M4" + excluded))
                    .as(excluded)
                    .isFalse();
        }
    }
}
