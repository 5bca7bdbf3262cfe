package org.amtsgang.catalog.api.dto;

import java.util.List;

/**
 * One page of a catalogue search.
 *
 * @param items the services on this page
 * @param page the page number, from 0
 * @param size the requested page size
 * @param total how many services matched in all
 */
public record ServicePage(List<ServiceDescriptor> items, int page, int size, long total) {

    public ServicePage {
        items = List.copyOf(items);
    }
}
