package io.orbitr.examples.server;

import io.orbitr.OrbitrException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The handlers by operation id, as the endpoint classes register them. */
final class Handlers {
    private final Map<String, ApiHandler> byOperation = new LinkedHashMap<>();

    Handlers on(String operationId, ApiHandler handler) {
        if (byOperation.putIfAbsent(operationId, handler) != null) {
            throw new OrbitrException("two handlers for operation " + operationId);
        }
        return this;
    }

    Map<String, ApiHandler> all() {
        return byOperation;
    }
}
