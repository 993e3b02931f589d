package io.orbitr.engine;

import java.util.List;
import java.util.Objects;

/**
 * One slice of a list, with the size of the whole list so that a caller can show "51-100 of 420".
 *
 * @param items   the items of this slice, in the list's order
 * @param request the slice that was asked for
 * @param total   how many items the whole list holds
 * @param <T>     the item type
 */
public record Page<T>(List<T> items, PageRequest request, int total) {

    /** Validates the page and freezes its items. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(request, "request");
        if (total < items.size()) {
            throw new IllegalArgumentException("total " + total + " is smaller than the page's " + items.size()
                    + " items");
        }
    }

    /**
     * Cuts one page out of a whole list.
     *
     * @param all     the whole list, in order
     * @param request the slice
     * @param <T>     the item type
     * @return the page
     */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = (int) Math.min((long) from + request.limit(), all.size());
        return new Page<>(all.subList(from, to), request, all.size());
    }

    /** @return whether items follow this page */
    public boolean hasNext() {
        return request.offset() + items.size() < total;
    }

    /** @return the request for the page after this one */
    public PageRequest nextRequest() {
        return request.next();
    }
}
