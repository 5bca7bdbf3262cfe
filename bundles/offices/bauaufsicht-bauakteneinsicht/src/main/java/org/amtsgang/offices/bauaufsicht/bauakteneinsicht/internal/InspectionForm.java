package org.amtsgang.offices.bauaufsicht.bauakteneinsicht.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** The application's form, read. */
record InspectionForm(
        String address, String aktenzeichen, String role, String interest, String owner, String authorisation) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static InspectionForm of(String formData) {
        JsonNode form;
        try {
            form = JSON.readTree(formData == null ? "{}" : formData);
        } catch (IOException e) {
            form = JSON.createObjectNode();
        }
        return new InspectionForm(
                form.path("adresse").asText("").strip(),
                form.path("aktenzeichen").asText("").strip(),
                form.path("rolle").asText(""),
                form.path("berechtigtesInteresse").asText("").strip(),
                form.path("eigentuemer").asText("").strip(),
                form.path("vollmachtDokument").asText(""));
    }

    /** Whether the applicant acts for the owner, and so needs the owner's authorisation. */
    boolean actsForOwner() {
        return role.equals("architekt") || role.equals("kaufinteressent");
    }
}
