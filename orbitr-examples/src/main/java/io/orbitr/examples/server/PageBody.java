package io.orbitr.examples.server;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A page of a list, as the API answers it.
 *
 * @param items      this page's items
 * @param total      how many there are in all, when known
 * @param nextCursor the {@code cursor} of the next page, empty on the last
 */
public record PageBody(List<?> items, OptionalInt total, Optional<String> nextCursor) {

    /**
     * Pages a whole list by offset.
     *
     * @param all  everything
     * @param call the request, with its {@code limit} and {@code cursor}
     * @return the page
     */
    public static PageBody of(List<?> all, Call call) {
        int offset = call.offset();
        int limit = call.limit();
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + limit, all.size());
        return new PageBody(all.subList(from, to), OptionalInt.of(all.size()),
                to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    /**
     * @param items the page
     * @param next  the next page's cursor
     * @return the page, total unknown
     */
    public static PageBody of(List<?> items, Optional<String> next) {
        return new PageBody(items, OptionalInt.empty(), next);
    }
}
