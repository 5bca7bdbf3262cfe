package org.amtsgang.catalog.api.dto;

/**
 * How to reach an office. Any part may be {@code null}.
 *
 * @param email the office's e-mail address
 * @param phone the office's phone number
 * @param address the postal or visiting address, one line
 */
public record Contact(String email, String phone, String address) {}
