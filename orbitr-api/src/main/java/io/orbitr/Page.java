package io.orbitr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * One page of a list: every list Orbitr returns is paged, with a cursor, so that a host with thousands of containers
 * or targets never loads them all into one answer. Pass {@link #next()} back (for example with
 * {@link PageRequest#after(String, int)}) for the page after this one; it is empty on the last page.
 *
 * <pre>{@code
 * Page<ContainerSummary> page = engine.containers().list(ContainerQuery.all(), PageRequest.first(50));
 * while (page.next().isPresent()) {
 *     page = engine.containers().list(ContainerQuery.all(), PageRequest.after(page.next().get(), 50));
 * }
 * }</pre>
 *
 * @param items the page's items, in the list's order
 * @param next  the cursor of the next page, empty on the last page; opaque to callers
 * @param total how many items the whole list holds, where the list knows it cheaply (engine lists, backups)
 * @param <T>   the item type
 */
public record Page<T>(List<T> items, Optional<String> next, OptionalInt total) {

    /** Validates the page and freezes its items. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(total, "total");
        if (total.isPresent() && total.getAsInt() < items.size()) {
            throw new InvalidValueException("total", total.getAsInt(), "is smaller than the page's " + items.size()
                    + " items");
        }
    }

    /**
     * A page of a list whose size is not known.
     *
     * @param items the page's items
     * @param next  the cursor of the next page, empty on the last page
     */
    public Page(List<T> items, Optional<String> next) {
        this(items, next, OptionalInt.empty());
    }

    /**
     * Cuts one page out of a whole list; the cursor is the offset of the next item.
     *
     * @param all     the whole list, in order
     * @param request the page asked for (its cursor, if any, must be one such a page gave)
     * @param <T>     the item type
     * @return the page, with the list's total
     * @throws InvalidValueException when the cursor is not an offset
     */
    public static <T> Page<T> of(List<T> all, PageRequest request) {
        int from = Math.min(request.offset(), all.size());
        int to = (int) Math.min((long) from + request.limit(), all.size());
        Optional<String> next = to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty();
        return new Page<>(all.subList(from, to), next, OptionalInt.of(all.size()));
    }

    /** @return whether items follow this page */
    public boolean hasNext() {
        return next.isPresent();
    }

    /**
     * @param limit the size of the next page
     * @return the request for the page after this one
     * @throws NotFoundException on the last page
     */
    public PageRequest nextRequest(int limit) {
        return PageRequest.after(next.orElseThrow(() -> new NotFoundException("page", "after the last one")), limit);
    }

    /**
     * @param mapper turns an item into another
     * @param <R>    the new item type
     * @return the same page of the mapped items, with the same cursor and total
     */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), next, total);
    }
}
