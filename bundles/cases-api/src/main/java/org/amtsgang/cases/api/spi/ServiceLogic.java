package org.amtsgang.cases.api.spi;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.amtsgang.cases.api.dto.CaseView;
import org.amtsgang.cases.api.dto.FieldError;
import org.amtsgang.cases.api.dto.Recommendation;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An office service's own logic around its cases, registered with the service property {@code
 * amtsgang.service.id}. Every method has a default: a service implements what it needs. The
 * platform calls these outside its transactions and survives whatever they throw.
 */
@ConsumerType
public interface ServiceLogic {

    /** Checks beyond the form's JSON Schema (which the platform has checked already). */
    default List<FieldError> validate(String formData) {
        return List.of();
    }

    /** For services paid after the decision: the fee of this approved case, in euro cents. */
    default OptionalLong feeAfterDecision(CaseView approved) {
        return OptionalLong.empty();
    }

    /** What the office's rules suggest; staff see it beside the case. Never a decision. */
    default Optional<Recommendation> recommend(CaseView inReview) {
        return Optional.empty();
    }

    /** The notice (Bescheid) or certificate to issue when the case is approved; the platform renders it as PDF. */
    default Optional<Notice> notice(CaseView approved) {
        return Optional.empty();
    }
}
