package org.amtsgang.payment.api.dto;

import java.util.List;

/**
 * A provider a payer can choose.
 *
 * @param id its id
 * @param title its name, for the payer
 * @param methods the payment methods it offers, e.g. {@code card}, {@code sepa-debit}, {@code paypal}
 */
public record ProviderInfo(String id, String title, List<String> methods) {

    public ProviderInfo {
        methods = List.copyOf(methods);
    }
}
