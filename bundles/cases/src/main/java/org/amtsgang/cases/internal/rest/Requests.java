package org.amtsgang.cases.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.amtsgang.cases.api.dto.DecisionKind;
import org.amtsgang.rest.api.ProblemException;

/** The bodies the case endpoints accept. */
final class Requests {

    private Requests() {}

    /** A new application; {@code formData} is the form as a JSON object. */
    record Application(String serviceId, JsonNode formData, Boolean submit) {

        boolean handIn() {
            return Boolean.TRUE.equals(submit);
        }
    }

    /** A draft's new form, at the version it was read. */
    record Draft(JsonNode formData, Long version) {}

    /** Why the applicant takes the application back (optional). */
    record Withdrawal(String reason) {}

    /** The applicant's answer to a request for information, with an optionally corrected form. */
    record Answer(String message, JsonNode formData) {}

    /** Whom a case is assigned to; empty for the caller. */
    record Assignment(String assignee) {}

    /** The office's question to the applicant. */
    record InformationRequest(String message) {}

    /** A decision with its written reason. */
    record DecisionRequest(DecisionKind decision, String reason) {}

    static <T> T required(T body) {
        if (body == null) {
            throw ProblemException.badRequest("This request needs a JSON body.");
        }
        return body;
    }

    /** The form as text for the case service; absent is an empty form. */
    static String form(JsonNode formData) {
        return formData == null || formData.isNull() ? null : formData.toString();
    }
}
