package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.core.Orbitr;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.Route;

/** Reverse-proxy routes, on the platform's {@code ProxyManager}. */
final class ProxyEndpoints {
    private final Orbitr orbitr;

    ProxyEndpoints(Orbitr orbitr) {
        this.orbitr = orbitr;
    }

    void register(Handlers handlers) {
        handlers.on("listRoutes", call -> call.ok(PageBody.of(orbitr.proxies().list(), call)))
                .on("getRoute", call -> call.ok(orbitr.proxies().find(call.path("name"))
                        .orElseThrow(() -> new NotFoundException("route", call.path("name")))))
                .on("createRoute", this::create)
                .on("removeRoute", call -> {
                    orbitr.proxies().remove(call.path("name"));
                    call.noContent();
                });
    }

    /** The body of {@code createRoute}. */
    record RouteCreate(String name, String host, String targetHost, Integer targetPort, Protocol protocol,
            Boolean tls, String pathPrefix, Boolean redirectToHttps) {
    }

    private void create(Call call) throws Exception {
        RouteCreate body = call.body(RouteCreate.class);
        call.context().attribute(ApiRouter.OBJECT, String.valueOf(body.name()));
        if (body.targetPort() == null) {
            throw new InvalidValueException("targetPort", "null", "is required");
        }
        Route.Builder route = Route.builder().name(text(body.name())).host(text(body.host()))
                .target(text(body.targetHost()), body.targetPort());
        if (body.protocol() != null) {
            route.protocol(body.protocol());
        }
        if (body.tls() != null) {
            route.tls(body.tls());
        }
        if (body.pathPrefix() != null) {
            route.pathPrefix(body.pathPrefix());
        }
        if (body.redirectToHttps() != null) {
            route.redirectToHttps(body.redirectToHttps());
        }
        call.json(201, orbitr.proxies().create(route.build()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
