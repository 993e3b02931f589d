package io.orbitr.examples.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the document's operations into routes. Every request goes the same way: size limit, authentication, role,
 * CSRF for session callers, path parameters checked, the handler, a problem answer on failure, and an audit row for
 * every changing call whatever its outcome. A document operation without a handler, or a handler without an
 * operation, stops the server from starting.
 */
final class ApiRouter {
    private static final Logger log = LoggerFactory.getLogger(ApiRouter.class);
    /** What a handler may set to name the object of a changing call when the path does not. */
    static final String OBJECT = "orbitr.object";
    /** What the login handler sets to name who tried. */
    static final String ACTOR = "orbitr.actor";
    /** Path parameters: names, ids ({@code sha256:...}), never '/', '..' first, spaces or control characters. */
    private static final Pattern PATH_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@+=-]{0,254}");

    private final ApiDocument document;
    private final Map<String, ApiHandler> handlers;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final long maxBodyBytes;

    ApiRouter(ApiDocument document, Map<String, ApiHandler> handlers, Authenticator authenticator, AuditLog audit,
            long maxBodyBytes) {
        this.document = document;
        this.handlers = Map.copyOf(handlers);
        this.authenticator = authenticator;
        this.audit = audit;
        this.maxBodyBytes = maxBodyBytes;
    }

    void install(RoutesConfig routes) {
        Set<String> documented = new HashSet<>();
        document.operations().forEach(op -> documented.add(op.id()));
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(handlers.keySet());
        Set<String> undocumented = new TreeSet<>(handlers.keySet());
        undocumented.removeAll(documented);
        if (!missing.isEmpty() || !undocumented.isEmpty()) {
            throw new OrbitrException("the API document and the server disagree: operations without a handler "
                    + missing + ", handlers without an operation " + undocumented);
        }
        for (ApiOperation operation : document.operations()) {
            ApiHandler handler = handlers.get(operation.id());
            routes.addHttpHandler(HandlerType.findOrCreate(operation.method()), operation.path(),
                    ctx -> dispatch(operation, handler, ctx));
        }
    }

    /** @return the document's operations, which are the routes */
    List<ApiOperation> operations() {
        return document.operations();
    }

    private void dispatch(ApiOperation operation, ApiHandler handler, Context ctx) {
        Optional<Principal> principal = Optional.empty();
        int status;
        try {
            String length = ctx.header("Content-Length");
            if (length != null && parseLength(length) > maxBodyBytes) {
                throw new ApiException(413, "the body is larger than " + maxBodyBytes + " bytes");
            }
            principal = authenticator.authenticate(ctx::header, ctx::cookie);
            if (operation.role().isPresent()) {
                Role required = operation.role().get();
                Principal caller = principal.orElseThrow(() -> new ApiException(401,
                        "authentication required: send 'Authorization: Bearer TOKEN' or log in"));
                if (!caller.role().allows(required)) {
                    throw new ApiException(403, operation.id() + " needs the " + required.label() + " role; "
                            + caller.name() + " is " + caller.role().label());
                }
                if (operation.mutating() && caller.session().isPresent()) {
                    String csrf = ctx.header(Authenticator.CSRF_HEADER);
                    if (csrf == null || !Secrets.same(csrf, caller.session().get().csrf())) {
                        throw new ApiException(403, "missing or wrong " + Authenticator.CSRF_HEADER
                                + " header (the login answer gives it)");
                    }
                }
            }
            for (Map.Entry<String, String> parameter : ctx.pathParamMap().entrySet()) {
                if (!PATH_VALUE.matcher(parameter.getValue()).matches()) {
                    throw new InvalidValueException(parameter.getKey(), parameter.getValue(),
                            "must be letters, digits and '_.:@+=-', starting with a letter or digit");
                }
            }
            handler.handle(new Call(ctx, principal));
            status = ctx.status().getCode();
        } catch (Exception | StackOverflowError e) {
            Problem problem = Problem.of(e, ctx.path());
            if (problem.status() >= 500) {
                log.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.toString(), e);
            }
            writeProblem(ctx, problem);
            status = problem.status();
        }
        if (operation.mutating()) {
            Optional<Principal> caller = principal;
            String actor = Optional.<String>ofNullable(ctx.attribute(ACTOR))
                    .orElseGet(() -> caller.map(Principal::name).orElse("anonymous"));
            String object = Optional.<String>ofNullable(ctx.attribute(OBJECT))
                    .orElse(String.join("/", ctx.pathParamMap().values()));
            try {
                audit.record(actor, operation.id(), operation.method(), ctx.path(), object, status);
            } catch (RuntimeException e) {
                log.error("could not write the audit row of {} {} by {}: {}", operation.method(), ctx.path(), actor,
                        e.toString());
            }
        }
    }

    private static long parseLength(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad Content-Length '" + text + "'");
        }
    }

    static void writeProblem(Context ctx, Problem problem) {
        try {
            ctx.status(problem.status()).contentType(Problem.MEDIA_TYPE)
                    .result(Json.mapper().writeValueAsBytes(problem));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
