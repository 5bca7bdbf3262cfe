package org.amtsgang.audit.api;

import java.time.Instant;

/**
 * What happened, as an area reports it.
 *
 * @param id a unique id chosen by the reporting area: appending the same id twice adds one entry
 * @param at when it happened
 * @param area the reporting area, e.g. {@code cases}, {@code identity}
 * @param subject what it happened to, e.g. a case id or an account id
 * @param actor who did it: a subject, {@code system}, or {@code console:<user>}
 * @param action what was done, e.g. {@code SUBMITTED}, {@code DECIDED}, {@code LOGIN_FAILED}
 * @param from the state before, or null
 * @param to the state after, or null
 * @param reason the reason or message given, or null
 */
public record AuditRecord(
        String id,
        Instant at,
        String area,
        String subject,
        String actor,
        String action,
        String from,
        String to,
        String reason) {}
