package io.orbitr.examples.server;

import java.util.Optional;

/** An HTTP answer other than success that no platform exception describes: 401, 403, 413, 415, 429, bad JSON. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Optional<String> field;
    private final transient Optional<String> value;

    /**
     * @param status the HTTP status
     * @param detail what went wrong, in the user's words
     */
    public ApiException(int status, String detail) {
        this(status, detail, Optional.empty(), Optional.empty());
    }

    /**
     * @param status the HTTP status
     * @param detail what went wrong
     * @param field  the request field at fault
     * @param value  its value, printable
     */
    public ApiException(int status, String detail, Optional<String> field, Optional<String> value) {
        super(detail);
        this.status = status;
        this.field = field;
        this.value = value;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the request field at fault, if one is */
    public Optional<String> field() {
        return field;
    }

    /** @return the refused value, if one is */
    public Optional<String> value() {
        return value;
    }
}
