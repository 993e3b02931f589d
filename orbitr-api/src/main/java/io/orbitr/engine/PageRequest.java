package io.orbitr.engine;

import io.orbitr.InvalidValueException;

/**
 * Which slice of a list to return: every list call is paged, so a host with thousands of containers never loads
 * them all into one answer.
 *
 * <pre>{@code
 * Page<ContainerSummary> page = engine.containers().list(ContainerQuery.all(), PageRequest.first(50));
 * while (page.hasNext()) {
 *     page = engine.containers().list(ContainerQuery.all(), page.nextRequest());
 * }
 * }</pre>
 *
 * @param offset how many items to skip, from 0
 * @param limit  how many items to return at most, from 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(int offset, int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 10_000;

    /** Validates the bounds. */
    public PageRequest {
        if (offset < 0) {
            throw new InvalidValueException("offset", offset, "must not be negative");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", limit, "must be between 1 and " + MAX_LIMIT);
        }
    }

    /**
     * @param limit the page size
     * @return the first page of that size
     */
    public static PageRequest first(int limit) {
        return new PageRequest(0, limit);
    }

    /** @return the page after this one, of the same size */
    public PageRequest next() {
        return new PageRequest(offset + limit, limit);
    }
}
