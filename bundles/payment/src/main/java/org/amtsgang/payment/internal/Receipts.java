package org.amtsgang.payment.internal;

import static org.amtsgang.payment.api.PaymentException.Reason.UNAVAILABLE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.amtsgang.catalog.api.ServiceCatalog;
import org.amtsgang.document.api.DocumentException;
import org.amtsgang.document.api.Documents;
import org.amtsgang.document.api.dto.Confidentiality;
import org.amtsgang.document.api.dto.NewDocument;
import org.amtsgang.document.api.dto.RetentionRule;
import org.amtsgang.identity.api.Caller;
import org.amtsgang.identity.api.PrincipalKind;
import org.amtsgang.payment.api.PaymentException;
import org.amtsgang.payment.api.dto.PaymentState;
import org.amtsgang.payment.api.dto.Receipt;
import org.amtsgang.payment.internal.store.PaymentEntity;
import org.amtsgang.payment.internal.store.PaymentStore;
import org.amtsgang.payment.internal.treasury.ReceiptRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipts (Quittungen) of paid fees. A receipt is written once and then filed in the document
 * service as a document the city issued: owned by the payer, of the case's office and case, kept
 * as long as cash records are (ten years), and never changed, so every later copy is the same
 * file the payer got first. Filed when first asked for, or by the housekeeping run for receipts
 * nobody asked for yet.
 *
 * <p>Without the document service (a city without it, or while it is updated) a receipt is written
 * for each request as before, and filed once the service is back.
 */
final class Receipts {

    static final String TYPE = "QUITTUNG";
    static final String ISSUER = "payment";
    /** Cash records are kept ten years (§ 147 AO; the municipal budget rules say the same). */
    static final RetentionRule RETENTION = new RetentionRule(10, RetentionRule.Disposal.DELETE);

    private static final List<String> PAID_STATES = java.util.Arrays.stream(PaymentState.values())
            .filter(PaymentState::paid)
            .map(Enum::name)
            .toList();

    private final Logger logger = LoggerFactory.getLogger(Receipts.class);
    private final PaymentStore store;
    private final ServiceCatalog catalog;
    private final Supplier<PaymentConfig> config;
    private final Supplier<Documents> documents;
    /** One filing per payment at a time: a request and the housekeeping run may meet. */
    private final Object[] locks = new Object[64];

    Receipts(
            PaymentStore store, ServiceCatalog catalog, Supplier<PaymentConfig> config, Supplier<Documents> documents) {
        this.store = store;
        this.catalog = catalog;
        this.config = config;
        this.documents = documents;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** The receipt of a paid payment the caller may see. */
    Receipt of(Caller caller, PaymentEntity paid) {
        String name = fileName(paid);
        if (caller.kind() == PrincipalKind.OPERATOR) {
            // operators read no documents; they get the receipt written afresh from the same records
            return new Receipt(name, render(paid));
        }
        PaymentEntity p = paid.receiptDocumentId == null ? file(paid.id).orElse(paid) : paid;
        if (p.receiptDocumentId == null) {
            return new Receipt(name, render(p)); // not filed (no document service): written afresh
        }
        Documents docs = documents.get();
        if (docs == null) {
            throw new PaymentException(
                    UNAVAILABLE,
                    "The document service that keeps this receipt is not running just now; try again shortly.");
        }
        // read as the caller: the document service checks their access once more
        try (InputStream in = docs.open(caller, p.receiptDocumentId, 1).stream()) {
            return new Receipt(name, in.readAllBytes());
        } catch (DocumentException e) {
            throw new PaymentException(
                    e.reason() == DocumentException.Reason.UNAVAILABLE
                            ? UNAVAILABLE
                            : PaymentException.Reason.NOT_FOUND,
                    "The receipt of payment " + p.id + " cannot be read: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the receipt of payment " + p.id, e);
        }
    }

    /**
     * Files the receipts of paid payments that have none yet, oldest first, up to a limit; answers
     * how many. Stops at the first failure: the document service is away, the next run goes on.
     */
    int fileMissing(int limit) {
        if (documents.get() == null) {
            return 0;
        }
        int filed = 0;
        for (String id : store.withoutReceipt(PAID_STATES, limit)) {
            Optional<PaymentEntity> p = file(id);
            if (p.isEmpty()) {
                continue; // gone meanwhile
            }
            if (p.get().receiptDocumentId == null) {
                break;
            }
            filed++;
        }
        return filed;
    }

    /**
     * Writes the payment's receipt and files it as an issued document, unless it is filed already;
     * answers the payment as it is then (with the document's id, or without when the document
     * service is away or filing failed, which is logged), empty if there is no such payment.
     */
    private Optional<PaymentEntity> file(String paymentId) {
        Documents docs = documents.get();
        synchronized (locks[Math.floorMod(paymentId.hashCode(), locks.length)]) {
            PaymentEntity p = store.find(paymentId).orElse(null);
            if (p == null || p.receiptDocumentId != null || docs == null) {
                return Optional.ofNullable(p);
            }
            String documentId;
            try {
                documentId = docs.issue(
                                ISSUER,
                                new NewDocument(
                                        "Quittung " + p.id,
                                        TYPE,
                                        p.officeId,
                                        Confidentiality.INTERNAL,
                                        p.payer,
                                        p.caseId,
                                        RETENTION,
                                        false,
                                        0,
                                        Map.of("payment", p.id)),
                                fileName(p),
                                new ByteArrayInputStream(render(p)))
                        .id();
            } catch (RuntimeException e) {
                logger.warn("The receipt of payment {} is not filed yet: {}", p.id, e.toString());
                return Optional.of(p);
            }
            return Optional.of(store.change(p.id, (e, tx) -> {
                        e.receiptDocumentId = documentId;
                        return e;
                    })
                    .orElse(p));
        }
    }

    private byte[] render(PaymentEntity p) {
        String service = catalog.service(p.serviceId).map(s -> s.title().de()).orElse(p.serviceId);
        PaymentConfig c = config.get();
        return new ReceiptRenderer(c.cityName(), c.fontDirectory()).render(Views.of(p), service, paidAt(p));
    }

    private long paidAt(PaymentEntity p) {
        return store.events(p.id).stream()
                .filter(e -> PaymentState.SUCCEEDED.name().equals(e.toState) && !e.toState.equals(e.fromState))
                .mapToLong(e -> e.atMillis)
                .findFirst()
                .orElse(p.updatedAt);
    }

    private static String fileName(PaymentEntity p) {
        return "Quittung-" + p.id + ".pdf";
    }
}
