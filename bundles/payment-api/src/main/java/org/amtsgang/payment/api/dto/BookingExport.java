package org.amtsgang.payment.api.dto;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The bookings of one day.
 *
 * @param day the day (Europe/Berlin)
 * @param lines every booking, in the order booked
 * @param totalsByHaushaltsstelle the sum of the day's bookings per Haushaltsstelle, in euro cents
 */
public record BookingExport(LocalDate day, List<BookingLine> lines, Map<String, Long> totalsByHaushaltsstelle) {

    public BookingExport {
        lines = List.copyOf(lines);
        totalsByHaushaltsstelle = Map.copyOf(totalsByHaushaltsstelle);
    }
}
