package org.amtsgang.payment.api.dto;

/**
 * Where the treasury books a service's fees, as ePayBL needs it.
 *
 * @param haushaltsstelle the budget position (Haushaltsstelle), e.g. {@code 1.02.01.432100}
 * @param objektnummer the object number (Objektnummer / Kostenträger) of the service
 */
public record Booking(String haushaltsstelle, String objektnummer) {}
