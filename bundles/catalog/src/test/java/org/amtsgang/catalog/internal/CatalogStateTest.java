package org.amtsgang.catalog.internal;

import static org.amtsgang.catalog.internal.Descriptors.contribution;
import static org.amtsgang.catalog.internal.Descriptors.office;
import static org.amtsgang.catalog.internal.Descriptors.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.amtsgang.catalog.api.dto.CatalogEntry;
import org.amtsgang.catalog.api.dto.CatalogEntry.Kind;
import org.amtsgang.catalog.api.dto.CatalogEntry.Origin;
import org.amtsgang.catalog.api.dto.CatalogEntry.Status;
import org.amtsgang.catalog.api.dto.ServiceDescriptor;
import org.amtsgang.catalog.api.dto.ServicePage;
import org.amtsgang.catalog.api.dto.ServiceQuery;
import org.junit.Before;
import org.junit.Test;

public class CatalogStateTest {

    private final CatalogState state = new CatalogState();

    @Before
    public void offices() {
        state.putOffice("buergeramt", office("buergeramt"));
        state.putOffice("steueramt", office("steueramt"));
    }

    @Test
    public void servesWhatArrivesAndForgetsWhatLeaves() {
        state.put(contribution(10, service("buergeramt-meldebescheinigung", "buergeramt", "Meldebescheinigung")));
        state.put(contribution(11, service("steueramt-hundesteuer", "steueramt", "Hundesteuer")));

        assertThat(ids(state.snapshot().search(all())))
                .containsExactly("buergeramt-meldebescheinigung", "steueramt-hundesteuer");

        state.removeBundle(11);

        assertThat(ids(state.snapshot().search(all()))).containsExactly("buergeramt-meldebescheinigung");
        assertThat(state.snapshot().find("steueramt-hundesteuer")).isEmpty();
    }

    @Test
    public void everyChangeMakesANewRevision() {
        long before = state.snapshot().revision();
        state.put(contribution(10, service("a", "buergeramt", "A")));
        state.removeBundle(10);
        state.removeBundle(10); // nothing left to remove: no change

        assertThat(state.snapshot().revision()).isEqualTo(before + 2);
    }

    @Test
    public void theFirstBundleKeepsAContestedIdUntilItLeaves() {
        state.put(contribution(10, service("x", "buergeramt", "Erster")));
        state.put(contribution(20, service("x", "buergeramt", "Zweiter")));

        assertThat(state.snapshot().find("x").orElseThrow().title().de()).isEqualTo("Erster");
        CatalogEntry duplicate = entry(20);
        assertThat(duplicate.status()).isEqualTo(Status.DUPLICATE);
        assertThat(duplicate.problems()).singleElement().asString().contains("bundle10");

        state.removeBundle(10);

        assertThat(state.snapshot().find("x").orElseThrow().title().de()).isEqualTo("Zweiter");
    }

    @Test
    public void aServiceWaitsForItsOffice() {
        state.put(contribution(10, service("standesamt-geburtsurkunde", "standesamt", "Geburtsurkunde")));

        assertThat(state.snapshot().find("standesamt-geburtsurkunde")).isEmpty();
        assertThat(entry(10).status()).isEqualTo(Status.UNKNOWN_OFFICE);

        state.putOffice("standesamt", office("standesamt"));

        assertThat(state.snapshot().find("standesamt-geburtsurkunde")).isPresent();
        assertThat(state.snapshot().serviceCount("standesamt")).isEqualTo(1);

        state.removeOffice("standesamt");

        assertThat(state.snapshot().find("standesamt-geburtsurkunde")).isEmpty();
    }

    @Test
    public void aBrokenContributionIsListedForOperatorsAndHurtsNoOther() {
        state.put(contribution(10, service("ok", "buergeramt", "OK")));
        state.put(Contribution.invalid(
                new Contribution.Key(11, "broken.json"),
                "broken.json",
                new Origin(Kind.DESCRIPTOR, 11, "broken 1.0.0", "broken.json"),
                List.of("not valid JSON")));

        assertThat(ids(state.snapshot().search(all()))).containsExactly("ok");
        assertThat(entry(11).status()).isEqualTo(Status.INVALID);
        assertThat(entry(11).problems()).containsExactly("not valid JSON");
        assertThat(state.snapshot().entries()).hasSize(2);
    }

    @Test
    public void searchesFreeTextInBothLanguagesFoldingUmlauts() {
        state.put(contribution(10, service("buergeramt-meldebescheinigung", "buergeramt", "Meldebescheinigung")));
        state.put(contribution(11, service("steueramt-hundesteuer", "steueramt", "Hundesteuer für Hunde")));

        assertThat(ids(search(null, "HUNDESTEUER"))).containsExactly("steueramt-hundesteuer");
        assertThat(ids(search(null, "fuer hunde"))).containsExactly("steueramt-hundesteuer");
        assertThat(ids(search(null, "für"))).containsExactly("steueramt-hundesteuer");
        assertThat(ids(search(null, "description of"))).hasSize(2);
        assertThat(ids(search(null, "hund melde"))).isEmpty();
        assertThat(ids(search("buergeramt", null))).containsExactly("buergeramt-meldebescheinigung");
    }

    @Test
    public void pagesThroughResults() {
        for (int i = 0; i < 25; i++) {
            state.put(contribution(100 + i, service(String.format("s-%02d", i), "buergeramt", "S" + i)));
        }

        ServicePage second = state.snapshot().search(new ServiceQuery(null, null, 1, 10));
        ServicePage beyond = state.snapshot().search(new ServiceQuery(null, null, 5, 10));

        assertThat(second.total()).isEqualTo(25);
        assertThat(ids(second)).hasSize(10).first().isEqualTo("s-10");
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(25);
    }

    @Test
    public void anUpdateReplacesTheBundlesEarlierContribution() {
        state.put(contribution(10, service("x", "buergeramt", "Alt")));
        state.put(contribution(10, service("x", "buergeramt", "Neu")));

        assertThat(state.snapshot().entries()).hasSize(1);
        assertThat(state.snapshot().find("x").orElseThrow().title().de()).isEqualTo("Neu");
    }

    private ServicePage search(String office, String text) {
        return state.snapshot().search(new ServiceQuery(office, text, 0, 100));
    }

    private CatalogEntry entry(long bundleId) {
        return state.snapshot().entries().stream()
                .filter(e -> e.origin().bundleId() == bundleId)
                .findFirst()
                .orElseThrow();
    }

    private static ServiceQuery all() {
        return new ServiceQuery(null, null, 0, 100);
    }

    private static List<String> ids(ServicePage page) {
        return page.items().stream().map(ServiceDescriptor::id).toList();
    }
}
