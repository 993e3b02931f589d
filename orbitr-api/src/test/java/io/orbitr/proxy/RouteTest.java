package io.orbitr.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTest {
    static final String HASH = "$2y$10$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";

    @Test
    void builderGivesSensibleDefaults() {
        Route route = Route.builder().name("web").host("app").target("web", 8080).build();

        assertThat(route.protocol()).isEqualTo(Protocol.HTTP);
        assertThat(route.tls()).isFalse();
        assertThat(route.pathPrefix()).isEmpty();
        assertThat(route.entryPoints()).isEmpty();
        assertThat(route.entryPointsOrDefault()).containsExactly("web");
        assertThat(route.middlewares()).isEqualTo(Middlewares.NONE);
    }

    @Test
    void toBuilderRoundTripsEveryValue() {
        Route route = Route.builder().name("api").host("api.example.org").target("10.0.0.7", 8443)
                .protocol(Protocol.HTTPS).tls(true).pathPrefix("/v1").entryPoints("websecure", "internal")
                .certResolver("letsEncrypt").redirectToHttps(true).basicAuth("admin", HASH)
                .responseHeader("X-Frame-Options", "DENY")
                .responseHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains").build();

        assertThat(route.toBuilder().build()).isEqualTo(route);
        assertThat(route.middlewares().responseHeaders().keySet())
                .containsExactly("X-Frame-Options", "Strict-Transport-Security");
    }

    @Test
    void problemsListsEveryMistakeAtOnce() {
        List<RouteProblem> problems = Route.builder().name("Web").host("a b").target("", 0).pathPrefix("api/")
                .basicAuth("ad:min", "secret").problems();

        assertThat(problems).extracting(RouteProblem::field).containsExactlyInAnyOrder("name", "host", "targetHost",
                "targetPort", "pathPrefix", "middlewares.basicAuth[0].username",
                "middlewares.basicAuth[0].passwordHash");
    }

    @Test
    void aWrongHashIsNeverEchoedWhole() {
        assertThatThrownBy(() -> Route.builder().name("w").host("a").target("b", 1).basicAuth("u", "hunter2-password")
                .build()).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("passwordHash").hasMessageNotContaining("hunter2-password");
    }

    @Test
    void basicAuthUserHidesItsHash() {
        assertThat(new BasicAuthUser("admin", HASH).toString()).doesNotContain(HASH);
    }

    @Test
    void layerFourRoutesRefuseHttpOnlyOptions() {
        List<RouteProblem> problems = Route.builder().name("db").host("db").target("pg", 5432).protocol(Protocol.TCP)
                .pathPrefix("/x").responseHeader("X-A", "b").problems();

        assertThat(problems).extracting(RouteProblem::field)
                .containsExactlyInAnyOrder("pathPrefix", "middlewares", "entryPoints");
    }

    @Test
    void plainTcpAndUdpNeedTheirOwnEntryPoint() {
        assertThatThrownBy(() -> Route.builder().name("dns").host("dns").target("dns", 53).protocol(Protocol.UDP)
                .build()).hasMessageContaining("entryPoints").hasMessageContaining("static configuration");
        assertThat(Route.builder().name("dns").host("dns").target("dns", 53).protocol(Protocol.UDP)
                .entryPoints("dns").build().entryPoints()).containsExactly("dns");
        assertThat(Route.builder().name("db").host("db.example.com").target("pg", 5432).protocol(Protocol.TCP)
                .tls(true).build().entryPointsOrDefault()).containsExactly("websecure");
    }

    @Test
    void redirectAndResolverNeedTls() {
        assertThat(Route.builder().name("w").host("a").target("b", 1).redirectToHttps(true).certResolver("le")
                .problems()).extracting(RouteProblem::field)
                .containsExactlyInAnyOrder("middlewares.redirectToHttps", "certResolver");
    }

    @Test
    void udpCannotUseTls() {
        assertThatThrownBy(() -> Route.builder().name("u").host("u").target("b", 1).protocol(Protocol.UDP)
                .entryPoints("u").tls(true).build()).hasMessageStartingWith("invalid tls 'true'");
    }

    @Test
    void duplicateHeadersAndUsersAreRefused() {
        assertThat(Route.builder().name("w").host("a").target("b", 1).basicAuth("u", HASH).basicAuth("u", HASH)
                .responseHeader("X-A", "1").responseHeader("x-a", "2").problems()).extracting(RouteProblem::field)
                .containsExactlyInAnyOrder("middlewares.basicAuth[1].username", "middlewares.responseHeaders[1].name");
    }

    @Test
    void acceptsTheUsualTargets() {
        for (String target : List.of("web", "my_app_1", "App-1.internal", "10.0.0.1", "::1", "fd00::1:2",
                "::ffff:192.168.0.1", "2001:db8:0:0:0:0:0:1")) {
            assertThat(Route.builder().name("w").host("a").target(target, 80).problems()).as(target).isEmpty();
        }
    }

    @Test
    void protocolNamesAreLowercase() {
        assertThat(Protocol.of("udp")).isEqualTo(Protocol.UDP);
        assertThat(Protocol.TCP.toString()).isEqualTo("tcp");
        assertThatThrownBy(() -> Protocol.of("HTTP")).hasMessageStartingWith("invalid protocol 'HTTP'");
    }
}
