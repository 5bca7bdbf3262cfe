package org.amtsgang.payment.sandbox.internal;

import java.util.List;
import java.util.Optional;
import org.amtsgang.payment.api.spi.ProviderOutcome;

/** The payer's choices on the hosted page, and which of them a session still allows. */
final class Outcomes {

    static final List<String> METHODS = List.of("card", "sepa-debit", "paypal");

    private Outcomes() {}

    /** The outcome a form word asks for: {@code success}, {@code failure} or {@code cancel}. */
    static Optional<ProviderOutcome> fromForm(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return switch (word) {
            case "success" -> Optional.of(ProviderOutcome.SUCCEEDED);
            case "failure" -> Optional.of(ProviderOutcome.FAILED);
            case "cancel" -> Optional.of(ProviderOutcome.CANCELLED);
            default -> Optional.empty();
        };
    }

    /**
     * Whether a session may move on. A failed payment may still succeed (the payer tries again, as
     * with a declined card and a second one); success and cancellation are final.
     */
    static boolean allowed(ProviderOutcome from, ProviderOutcome to) {
        return switch (from) {
            case OPEN -> to == ProviderOutcome.SUCCEEDED
                    || to == ProviderOutcome.FAILED
                    || to == ProviderOutcome.CANCELLED;
            case FAILED -> to == ProviderOutcome.SUCCEEDED;
            default -> false;
        };
    }

    /** Whether nothing can change a session any more. */
    static boolean isFinal(ProviderOutcome outcome) {
        return outcome == ProviderOutcome.SUCCEEDED || outcome == ProviderOutcome.CANCELLED;
    }
}
