package io.orbitr.health;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list that may be long: every list the monitor returns is paged, because unpaged lists are what
 * makes dashboards of other tools crawl at a thousand monitors.
 *
 * @param items the page's items
 * @param next  the cursor to pass for the next page, empty on the last page
 * @param <T>   the item type
 */
public record Page<T>(List<T> items, Optional<String> next) {

    /** Freezes the items. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
    }
}
