package io.orbitr.examples.server;

import io.javalin.http.Context;
import io.orbitr.InvalidValueException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/** One API request as a handler sees it: typed access to its parameters and body, its caller, and the answer. */
public final class Call {
    /** The default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    private final Context context;
    private final Optional<Principal> principal;

    Call(Context context, Optional<Principal> principal) {
        this.context = context;
        this.principal = principal;
    }

    /** @return the Javalin context, for what the helpers do not cover */
    public Context context() {
        return context;
    }

    /** @return the caller; public operations may have none */
    public Optional<Principal> principal() {
        return principal;
    }

    /** @return the caller's name, {@code anonymous} for none */
    public String actor() {
        return principal.map(Principal::name).orElse("anonymous");
    }

    /**
     * @param why what needs the admin role
     * @throws ApiException 403 unless the caller is an admin
     */
    public void requireAdmin(String why) {
        if (principal.map(p -> !p.role().allows(Role.ADMIN)).orElse(true)) {
            throw new ApiException(403, why + " needs the admin role: it reaches the host");
        }
    }

    /**
     * @param name a path parameter (checked against '/', '..' and control characters before the handler runs)
     * @return its value
     */
    public String path(String name) {
        return context.pathParam(name);
    }

    /**
     * @param name a query parameter
     * @return its value, empty when absent or empty
     */
    public Optional<String> query(String name) {
        String value = context.queryParam(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * @param name     a boolean query parameter
     * @param fallback its value when absent
     * @return its value
     */
    public boolean flag(String name, boolean fallback) {
        Optional<String> value = query(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException(name, value.get(), "must be true or false");
        };
    }

    /**
     * @param name a whole-number query parameter
     * @param min  its least value
     * @param max  its greatest value
     * @return its value, empty when absent
     */
    public OptionalInt integer(String name, int min, int max) {
        Optional<String> value = query(name);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number < min || number > max) {
                throw new InvalidValueException(name, value.get(), "must be between " + min + " and " + max);
            }
            return OptionalInt.of(number);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(name, value.get(), "must be a whole number");
        }
    }

    /**
     * @param name an instant query parameter (ISO-8601, for example {@code 2026-12-03T10:00:00Z})
     * @return its value, empty when absent
     */
    public Optional<Instant> instant(String name) {
        return query(name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidValueException(name, text, "must be an ISO-8601 instant, for example"
                        + " 2026-12-03T10:00:00Z");
            }
        });
    }

    /** @return the page size asked for ({@code limit}, default {@value #DEFAULT_LIMIT}) */
    public int limit() {
        return integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
    }

    /** @return the cursor of the page asked for, empty for the first page */
    public Optional<String> cursor() {
        return query("cursor");
    }

    /** @return the cursor read as an offset (the cursor of offset-paged lists) */
    public int offset() {
        Optional<String> cursor = cursor();
        if (cursor.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor.get());
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new InvalidValueException("cursor", cursor.get(), "is not a cursor this list gave out");
        }
    }

    /**
     * Reads the JSON body, strictly: unknown fields and wrong types are refused naming the field.
     *
     * @param type the body's type
     * @param <T>  the type
     * @return the body
     * @throws IOException when it is not valid JSON (answered 400)
     */
    public <T> T body(Class<T> type) throws IOException {
        String contentType = context.contentType();
        if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "the body must be application/json, not " + contentType);
        }
        byte[] bytes = context.bodyAsBytes();
        if (bytes.length == 0) {
            throw new ApiException(400, "a JSON body is required", Optional.of("body"), Optional.empty());
        }
        T value = Json.mapper().readValue(bytes, type);
        if (value == null) {
            throw new ApiException(400, "the body must be a JSON object, not null", Optional.of("body"),
                    Optional.of("null"));
        }
        return value;
    }

    /**
     * @param status the status
     * @param body   the JSON body
     */
    public void json(int status, Object body) {
        try {
            context.status(status).contentType("application/json").result(Json.mapper().writeValueAsBytes(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @param body the JSON body, with status 200 */
    public void ok(Object body) {
        json(200, body);
    }

    /** Answers 204 without a body. */
    public void noContent() {
        context.status(204);
    }
}
