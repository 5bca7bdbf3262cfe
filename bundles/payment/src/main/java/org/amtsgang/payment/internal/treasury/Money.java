package org.amtsgang.payment.internal.treasury;

/** Euro amounts as people in Germany write them. */
public final class Money {

    private Money() {}

    /** e.g. 1250 → {@code 12,50 €}, -500 → {@code -5,00 €}. */
    public static String euro(long cents) {
        return decimal(cents) + " €";
    }

    /** e.g. 1250 → {@code 12,50}; the treasury's CSV takes amounts this way. */
    public static String decimal(long cents) {
        long abs = Math.abs(cents);
        return (cents < 0 ? "-" : "") + (abs / 100) + "," + String.format("%02d", abs % 100);
    }
}
