package org.amtsgang.offices.bauaufsicht.bauakteneinsicht.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
 * The Bauaufsicht's rules for an inspection: who acts for the owner brings the owner's
 * authorisation; staff get a hint what to check (never a decision); the notice states what may be
 * read until when.
 */
@Component(property = "amtsgang.service.id=" + BauakteneinsichtService.ID)
public final class BauakteneinsichtLogic implements ServiceLogic {

    @Override
    public List<FieldError> validate(String formData) {
        InspectionForm form = InspectionForm.of(formData);
        List<FieldError> errors = new ArrayList<>();
        if (form.actsForOwner() && form.authorisation().isEmpty()) {
            errors.add(new FieldError(
                    "/vollmachtDokument",
                    "Wer für die Eigentümerin oder den Eigentümer handelt, lädt deren Vollmacht hoch und nennt sie hier.",
                    "Acting for the owner needs the owner's authorisation: upload it and name it here."));
        }
        if (form.actsForOwner() && form.owner().isEmpty()) {
            errors.add(new FieldError(
                    "/eigentuemer",
                    "Bitte nennen Sie die Eigentümerin oder den Eigentümer, die die Vollmacht erteilt haben.",
                    "Please name the owner who gave the authorisation."));
        }
        return errors;
    }

    @Override
    public Optional<Recommendation> recommend(CaseView inReview) {
        InspectionForm form = InspectionForm.of(inReview.formData());
        String what =
                switch (form.role()) {
                    case "eigentuemer" -> "Eigentum im Grundbuch bzw. Liegenschaftskataster bestätigen.";
                    case "architekt", "kaufinteressent" -> "Vollmacht " + form.authorisation() + " von " + form.owner()
                            + " prüfen (Unterschrift, Umfang, Datum) und Eigentum bestätigen.";
                    default -> "Berechtigtes Interesse besonders prüfen: Nachbarn und Dritte sehen nur, was ihre"
                            + " Rechte berührt.";
                };
        return Optional.of(new Recommendation(
                "Bauaufsicht – Regelprüfung",
                form.role().equals("eigentuemer") ? DecisionKind.APPROVE : null,
                what + " Angegebenes Interesse: " + form.interest()));
    }

    @Override
    public Optional<Notice> notice(CaseView approved) {
        InspectionForm form = InspectionForm.of(approved.formData());
        LocalDate until = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(BauakteneinsichtService.ACCESS_DAYS);
        List<Notice.Fact> facts = new ArrayList<>();
        facts.add(
                new Notice.Fact("Antragsteller/in", approved.applicantName() == null ? "–" : approved.applicantName()));
        facts.add(new Notice.Fact("Grundstück", form.address()));
        if (!form.aktenzeichen().isEmpty()) {
            facts.add(new Notice.Fact("Aktenzeichen", form.aktenzeichen()));
        }
        facts.add(new Notice.Fact(
                "Einsicht bis", DateTimeFormatter.ofPattern("dd.MM.yyyy").format(until)));
        return Optional.of(new Notice(
                "Bescheid über die Bauakteneinsicht",
                List.of(
                        "Ihrem Antrag auf Einsicht in die Bauakte wird stattgegeben.",
                        "Die digitalisierte Bauakte ist bis zum genannten Tag in Ihrem Konto unter Dokumente"
                                + " lesbar. Heruntergeladene Kopien tragen Ihren Namen und das Datum; sie dienen"
                                + " nur der Einsicht und dürfen nicht weitergegeben werden."),
                facts));
    }
}
