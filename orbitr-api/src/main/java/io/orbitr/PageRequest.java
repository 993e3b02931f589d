package io.orbitr;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a list to return: the cursor a previous {@link Page#next()} gave (none for the first page) and the
 * most items to return.
 *
 * @param cursor where the page starts, empty for the first page
 * @param limit  how many items to return at most, from 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(Optional<String> cursor, int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 10_000;

    /** Validates the bounds. */
    public PageRequest {
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", limit, "must be between 1 and " + MAX_LIMIT);
        }
        if (cursor.isPresent() && cursor.get().isBlank()) {
            throw new InvalidValueException("cursor", cursor.get(), "must not be blank");
        }
    }

    /**
     * @param limit the page size
     * @return the first page of that size
     */
    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }

    /**
     * @param cursor a cursor a page gave as its {@link Page#next()}
     * @param limit  the page size
     * @return the page that starts there
     */
    public static PageRequest after(String cursor, int limit) {
        return new PageRequest(Optional.of(Objects.requireNonNull(cursor, "cursor")), limit);
    }

    /**
     * For lists paged by position (the engine's lists, backups), whose cursor is the offset of the page's first item.
     *
     * @param offset how many items to skip, from 0
     * @param limit  the page size
     * @return the page that starts there
     * @throws InvalidValueException when the offset is negative
     */
    public static PageRequest atOffset(int offset, int limit) {
        if (offset < 0) {
            throw new InvalidValueException("offset", offset, "must not be negative");
        }
        return offset == 0 ? first(limit) : after(Integer.toString(offset), limit);
    }

    /**
     * @return the offset the cursor stands for, in a list paged by position; 0 for the first page
     * @throws InvalidValueException when the cursor is not an offset (it came from another list)
     */
    public int offset() {
        if (cursor.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor.get());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidValueException("cursor", cursor.get(), "is not a cursor this list gave (pass the next of"
                + " its previous page)");
    }
}
