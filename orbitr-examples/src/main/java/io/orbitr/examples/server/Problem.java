package io.orbitr.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.HttpResponseException;
import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.MissingProviderException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An RFC 9457 problem, as {@code application/problem+json}, made from an exception: the platform's exceptions keep
 * their meaning (invalid value 400, not found 404, conflict 409, unavailable 503), a refused value names its field.
 *
 * @param type     a URI naming the kind of problem
 * @param title    the status's words
 * @param status   the HTTP status
 * @param detail   what went wrong, in the user's words
 * @param instance the request path
 * @param field    the request field at fault
 * @param value    its value, printable
 */
public record Problem(String type, String title, int status, String detail, String instance, Optional<String> field,
        Optional<String> value) {

    /** The media type of problems. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * @param error    what was thrown while serving the request
     * @param instance the request path
     * @return the problem to answer
     */
    public static Problem of(Throwable error, String instance) {
        if (error instanceof ApiException api) {
            return make(api.status(), api.getMessage(), instance, api.field(), api.value());
        }
        if (error instanceof InvalidValueException invalid) {
            return make(400, invalid.getMessage(), instance, Optional.of(invalid.field()), Optional.of(invalid.value()));
        }
        if (error instanceof NotFoundException) {
            return make(404, error.getMessage(), instance, Optional.empty(), Optional.empty());
        }
        if (error instanceof ConflictException) {
            return make(409, error.getMessage(), instance, Optional.empty(), Optional.empty());
        }
        if (error instanceof UnavailableException || error instanceof MissingProviderException) {
            return make(503, error.getMessage(), instance, Optional.empty(), Optional.empty());
        }
        if (error instanceof UnrecognizedPropertyException unknown) {
            return make(400, "unknown field '" + unknown.getPropertyName() + "'", instance,
                    Optional.of(path(unknown)), Optional.empty());
        }
        if (error instanceof JsonMappingException mapping) {
            String field = path(mapping);
            return make(400, "invalid " + (field.isEmpty() ? "body" : "field '" + field + "'") + ": "
                    + mapping.getOriginalMessage().lines().findFirst().orElse(""), instance,
                    field.isEmpty() ? Optional.empty() : Optional.of(field), Optional.empty());
        }
        if (error instanceof JsonProcessingException json) {
            return make(400, "the body is not valid JSON: " + json.getOriginalMessage(), instance, Optional.of("body"),
                    Optional.empty());
        }
        if (error instanceof HttpResponseException http) {
            return make(http.getStatus(), http.getMessage(), instance, Optional.empty(), Optional.empty());
        }
        return make(500, "internal error: " + error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()), instance, Optional.empty(),
                Optional.empty());
    }

    /**
     * @param status   the HTTP status
     * @param detail   what went wrong
     * @param instance the request path
     * @param field    the field at fault
     * @param value    its value
     * @return the problem
     */
    public static Problem make(int status, String detail, String instance, Optional<String> field,
            Optional<String> value) {
        return new Problem("https://orbitr.io/problems/" + status, title(status), status, detail, instance, field,
                value);
    }

    private static String path(JsonMappingException error) {
        return error.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
