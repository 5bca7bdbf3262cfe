package org.amtsgang.payment.api.dto;

import java.util.List;

/**
 * One page of payments.
 *
 * @param items the payments
 * @param page the page, from 0
 * @param size the page size
 * @param total how many there are in all
 */
public record PaymentPage(List<PaymentView> items, int page, int size, long total) {

    public PaymentPage {
        items = List.copyOf(items);
    }
}
