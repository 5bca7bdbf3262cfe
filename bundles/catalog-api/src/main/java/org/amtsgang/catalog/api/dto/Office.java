package org.amtsgang.catalog.api.dto;

/**
 * An office (Amt) of the city.
 *
 * @param id stable identifier, e.g. {@code buergeramt}
 * @param name the office's name, e.g. "Bürgeramt"
 * @param contact how to reach it
 * @param openingHours when it is open, as the city writes it, e.g. "Mo–Fr 8–13 Uhr"
 */
public record Office(String id, LocalizedText name, Contact contact, String openingHours) {}
