package org.amtsgang.notification.api;

import java.util.List;

/**
 * One page of a Postfach.
 *
 * @param items the messages on this page, newest first
 * @param page the page, from 0
 * @param size the page size asked for
 * @param hasMore whether another page follows
 * @param unread how many of the recipient's messages are unread, in all
 */
public record PostfachPage(List<PostfachMessage> items, int page, int size, boolean hasMore, long unread) {

    public PostfachPage {
        items = List.copyOf(items);
    }
}
