package org.amtsgang.payment.internal;

import java.time.Instant;
import org.amtsgang.payment.api.dto.Booking;
import org.amtsgang.payment.api.dto.BookingLine;
import org.amtsgang.payment.api.dto.PaymentEvent;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.dto.PaymentView;
import org.amtsgang.payment.internal.store.BookingEntity;
import org.amtsgang.payment.internal.store.EventEntity;
import org.amtsgang.payment.internal.store.PaymentEntity;

/** Entities to the records the API hands out. */
final class Views {

    private Views() {}

    static PaymentView of(PaymentEntity p) {
        PaymentState state = PaymentState.valueOf(p.state);
        return new PaymentView(
                p.id,
                p.caseId,
                p.serviceId,
                p.officeId,
                p.payer,
                p.amountCents,
                p.refundedCents,
                p.purpose,
                new Booking(p.haushaltsstelle, p.objektnummer),
                p.provider,
                p.providerRef,
                p.method,
                state,
                state.external(),
                state.finished(),
                state.finished() ? null : p.nextUrl,
                Instant.ofEpochMilli(p.createdAt),
                Instant.ofEpochMilli(p.updatedAt),
                p.version);
    }

    static PaymentEvent of(EventEntity e) {
        return new PaymentEvent(
                Instant.ofEpochMilli(e.atMillis),
                e.type,
                e.fromState == null ? null : PaymentState.valueOf(e.fromState),
                PaymentState.valueOf(e.toState),
                e.source,
                e.detail);
    }

    static BookingLine of(BookingEntity b) {
        return new BookingLine(
                b.id,
                b.paymentId,
                b.caseId,
                b.serviceId,
                new Booking(b.haushaltsstelle, b.objektnummer),
                b.amountCents,
                b.purpose,
                b.provider,
                b.providerRef,
                Instant.ofEpochMilli(b.bookedAt));
    }

    static EventEntity event(
            String paymentId, String type, PaymentState from, PaymentState to, String source, String detail) {
        EventEntity e = new EventEntity();
        e.id = PaymentIds.event();
        e.paymentId = paymentId;
        e.atMillis = System.currentTimeMillis();
        e.type = type;
        e.fromState = from == null ? null : from.name();
        e.toState = to.name();
        e.source = limit(source, 100);
        e.detail = limit(detail, 500);
        return e;
    }

    static BookingEntity booking(PaymentEntity p, String id, long amountCents) {
        BookingEntity b = new BookingEntity();
        b.id = id;
        b.paymentId = p.id;
        b.caseId = p.caseId;
        b.serviceId = p.serviceId;
        b.haushaltsstelle = p.haushaltsstelle;
        b.objektnummer = p.objektnummer;
        b.amountCents = amountCents;
        b.purpose = p.purpose;
        b.provider = p.provider;
        b.providerRef = p.providerRef;
        b.bookedAt = System.currentTimeMillis();
        return b;
    }

    static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
