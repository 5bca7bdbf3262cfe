package org.amtsgang.offices.buergeramt.meldebescheinigung.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.cases.api.dto.FieldError;
import org.amtsgang.cases.api.dto.Recommendation;
import org.amtsgang.cases.api.spi.Notice;
import org.amtsgang.cases.api.spi.ServiceLogic;
import org.osgi.service.component.annotations.Component;

/**
 * The Bürgeramt's rules for the Meldebescheinigung: what the form's schema cannot say, a
 * suggestion for the caseworker (never a decision), and the certificate's text.
 */
@Component(property = "amtsgang.service.id=" + MeldebescheinigungService.ID)
public final class MeldebescheinigungLogic implements ServiceLogic {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<FieldError> validate(String formData) {
        JsonNode form = parse(formData);
        List<FieldError> errors = new ArrayList<>();
        // a download can be printed as often as needed: several copies only make sense on paper
        if (form.path("anzahl").asInt(1) > 1
                && "download".equals(form.path("zustellung").asText())) {
            errors.add(new FieldError(
                    "/anzahl",
                    "Mehrere Ausfertigungen gibt es nur bei Zustellung per Post.",
                    "Several copies are available only when sent by post."));
        }
        return errors;
    }

    @Override
    public Optional<Recommendation> recommend(CaseView inReview) {
        JsonNode form = parse(inReview.formData());
        // § 18 BMG: the extended certificate discloses more and needs a stated purpose
        if ("erweitert".equals(form.path("art").asText())
                && form.path("zweck").asText().isBlank()) {
            return Optional.of(new Recommendation(
                    "Bürgeramt – Regelprüfung",
                    null,
                    "Erweiterte Meldebescheinigung ohne Verwendungszweck: bitte den Zweck erfragen"
                            + " (Informationen anfordern), bevor entschieden wird."));
        }
        return Optional.of(new Recommendation(
                "Bürgeramt – Regelprüfung",
                DecisionKind.APPROVE,
                "Formale Prüfung ohne Befund: Art, Zustellung und Anzahl sind zulässig."));
    }

    @Override
    public Optional<Notice> notice(CaseView approved) {
        JsonNode form = parse(approved.formData());
        boolean extended = "erweitert".equals(form.path("art").asText());
        List<Notice.Fact> facts = new ArrayList<>();
        facts.add(new Notice.Fact("Name", approved.applicantName() == null ? "–" : approved.applicantName()));
        facts.add(new Notice.Fact("Art", extended ? "Erweiterte Meldebescheinigung" : "Einfache Meldebescheinigung"));
        if (!form.path("zweck").asText().isBlank()) {
            facts.add(new Notice.Fact("Verwendungszweck", form.path("zweck").asText()));
        }
        facts.add(new Notice.Fact(
                "Ausfertigungen", String.valueOf(form.path("anzahl").asInt(1))));
        facts.add(new Notice.Fact(
                "Zustellung", "post".equals(form.path("zustellung").asText()) ? "per Post" : "zum Herunterladen"));
        return Optional.of(new Notice(
                extended ? "Erweiterte Meldebescheinigung" : "Meldebescheinigung",
                List.of(
                        "Hiermit wird bescheinigt, dass die unten genannte Person nach den Angaben des"
                                + " Melderegisters mit alleiniger Wohnung bzw. Hauptwohnung in dieser Stadt"
                                + " gemeldet ist.",
                        "Diese Bescheinigung wurde elektronisch erstellt und ist ohne Unterschrift gültig."),
                facts));
    }

    private static JsonNode parse(String formData) {
        try {
            return JSON.readTree(formData == null ? "{}" : formData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
