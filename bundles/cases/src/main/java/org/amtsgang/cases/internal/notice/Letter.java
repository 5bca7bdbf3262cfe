package org.amtsgang.cases.internal.notice;

import java.time.LocalDate;
import java.util.List;
import org.amtsgang.cases.api.spi.Notice;

/**
 * Everything printed on a notice (Bescheid): the city's letterhead around the office's content.
 *
 * @param city the city's name for the letterhead, e.g. "Stadt Mülheim an der Ruhr"
 * @param office the issuing office's name
 * @param reference the case's id (Aktenzeichen)
 * @param date the date of the notice
 * @param addressee the applicant's name
 * @param notice the office's content: title, paragraphs, facts
 * @param closing paragraphs after the content, e.g. the reasons and the legal remedy
 *     (Rechtsbehelfsbelehrung)
 * @param signature who decided, as it is printed
 */
public record Letter(
        String city,
        String office,
        String reference,
        LocalDate date,
        String addressee,
        Notice notice,
        List<String> closing,
        String signature) {

    public Letter {
        closing = List.copyOf(closing);
    }
}
