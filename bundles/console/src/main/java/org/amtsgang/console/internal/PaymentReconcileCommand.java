package org.amtsgang.console.internal;

import org.amtsgang.payment.api.PaymentException;
import org.amtsgang.payment.api.Payments;
import org.amtsgang.payment.api.dto.ReconcileReport;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code amtsgang:payment-reconcile}: asks the providers now about open payments (or one payment)
 * and applies their answers, as the scheduled job does; then ends payments past their time.
 */
@Service
@Command(
        scope = "amtsgang",
        name = "payment-reconcile",
        description =
                "Asks the providers about unfinished payments (or one) and applies their answers; expires overdue ones.")
public class PaymentReconcileCommand implements Action {

    @Reference
    private Payments payments;

    @Argument(index = 0, name = "payment", description = "Only this payment")
    private String paymentId;

    @Override
    public Object execute() {
        ReconcileReport report;
        try {
            report = payments.reconcile(paymentId);
        } catch (PaymentException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        int expired = paymentId == null ? payments.expireOverdue() : 0;
        System.out.println(
                "Reconciled: " + report.checked() + " asked, " + report.changed() + " changed, " + report.unreachable()
                        + " without an answer" + (paymentId == null ? "; " + expired + " expired." : "."));
        return null;
    }
}
