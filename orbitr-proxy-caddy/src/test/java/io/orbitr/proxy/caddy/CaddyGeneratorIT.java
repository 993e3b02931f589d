package io.orbitr.proxy.caddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.SubdomainScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CaddyGeneratorIT {
    static final String HASH = "$2y$10$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";
    private final CaddyGenerator generator = new CaddyGenerator();
    private final ProxySettings settings = ProxySettings.builder().provider("caddy").defaultDomain("example.com")
            .acmeEmail("ops@example.com").build();

    private String render(List<Route> routes, ProxySettings settings) {
        ProxyFile file = generator.render(routes, settings).orElseThrow();
        assertThat(file.fileName()).isEqualTo("Caddyfile");
        CaddyBinary.assertValid(file.content());
        return file.content();
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(ProxyGenerator.class).stream().map(p -> p.get().id())).contains("caddy");
    }

    @Test
    void aSiteWithOneRouteProxiesDirectly() {
        String caddyfile = render(List.of(Route.builder().name("web").host("app").target("web", 8080).build()),
                settings);

        assertThat(caddyfile).contains("{\n\temail ops@example.com\n}\n")
                .contains("\nhttp://app.example.com {\n\treverse_proxy web:8080\n}\n");
    }

    @Test
    void tlsSitesUseAcmeForPublicNamesAndTheLocalCaOtherwise() {
        String caddyfile = render(List.of(
                Route.builder().name("public").host("shop").target("shop", 80).tls(true).build(),
                Route.builder().name("local").host("nas.home.arpa").target("nas", 5000).tls(true).build(),
                Route.builder().name("lan").host("printer.local").target("10.0.0.9", 631).tls(true).build()),
                settings);

        assertThat(caddyfile).contains("\nshop.example.com {\n\ttls ops@example.com\n\treverse_proxy shop:80\n}\n")
                .contains("\nnas.home.arpa {\n\ttls internal\n")
                .contains("\nprinter.local {\n\ttls internal\n");
        assertThat(render(List.of(Route.builder().name("public").host("shop").target("shop", 80).tls(true).build()),
                settings.toBuilder().acmeEmail("").build())).contains("\ttls internal\n").doesNotContain("email");
    }

    @Test
    void prefixesGetNamedMatchersLongestFirstAndTheRootComesLast() {
        String caddyfile = render(List.of(
                Route.builder().name("root").host("app").target("web", 80).build(),
                Route.builder().name("api").host("app").target("api", 8080).pathPrefix("/api").build(),
                Route.builder().name("api-v2").host("app").target("api2", 8080).pathPrefix("/api/v2").build()),
                settings);

        assertThat(caddyfile).contains("""
                http://app.example.com {
                \t@api-v2 {
                \t\tpath /api/v2 /api/v2/*
                \t}
                \thandle @api-v2 {
                \t\turi strip_prefix /api/v2
                \t\treverse_proxy api2:8080
                \t}
                \t@api {
                \t\tpath /api /api/*
                \t}
                \thandle @api {
                \t\turi strip_prefix /api
                \t\treverse_proxy api:8080
                \t}
                \thandle {
                \t\treverse_proxy web:80
                \t}
                }
                """);
    }

    @Test
    void aHostServedOnlyUnderPrefixesAnswers404Elsewhere() {
        String caddyfile = render(List.of(Route.builder().name("grafana").host("grafana").target("grafana", 3000)
                .build()), settings.toBuilder().subdomainScheme(SubdomainScheme.PATH).build());

        assertThat(caddyfile).contains("http://example.com {").contains("handle @grafana {")
                .contains("\thandle {\n\t\trespond 404\n\t}\n");
    }

    @Test
    void middlewaresBecomeBasicauthAndHeader() {
        String caddyfile = render(List.of(Route.builder().name("admin").host("admin").target("::1", 9443)
                .protocol(Protocol.HTTPS).tls(true).basicAuth("root", HASH).basicAuth("ops.team", HASH)
                .responseHeader("Content-Security-Policy", "default-src 'self'; img-src * #x")
                .responseHeader("X-Frame-Options", "DENY").redirectToHttps(true).build()), settings);

        assertThat(caddyfile).contains("\tbasicauth {\n\t\troot " + HASH + "\n\t\tops.team " + HASH + "\n\t}\n")
                .contains("\theader Content-Security-Policy \"default-src 'self'; img-src * #x\"\n")
                .contains("\theader X-Frame-Options \"DENY\"\n")
                .contains("\treverse_proxy https://[::1]:9443\n")
                .doesNotContain("basic_auth");
    }

    @Test
    void tlsAndPlainRoutesOfOneHostAreTwoSites() {
        String caddyfile = render(List.of(
                Route.builder().name("secure").host("app").target("a", 80).tls(true).pathPrefix("/secure").build(),
                Route.builder().name("plain").host("app").target("b", 80).build()), settings);

        assertThat(caddyfile).contains("\napp.example.com {\n").contains("\nhttp://app.example.com {\n");
    }

    @Test
    void globalOptionsCarryTheAdminAddressPortsAndBinding() {
        String caddyfile = render(List.of(Route.builder().name("w").host("w").target("w", 80).build()),
                settings.toBuilder().adminAddress("127.0.0.1:20190").httpPort(8080).httpsPort(8443)
                        .bindAddress("127.0.0.1").build());

        assertThat(caddyfile).startsWith(CaddyfileWriter.HEADER + "{\n\temail ops@example.com\n"
                + "\tadmin 127.0.0.1:20190\n\tdefault_bind 127.0.0.1\n\thttp_port 8080\n\thttps_port 8443\n}\n");
    }

    @Test
    void tcpAndUdpAreRefusedBecauseCaddyHasNoLayerFour() {
        Route tcp = Route.builder().name("pg").host("db").target("pg", 5432).protocol(Protocol.TCP)
                .entryPoints("pg").build();
        Route udp = Route.builder().name("dns").host("dns").target("dns", 53).protocol(Protocol.UDP)
                .entryPoints("dns").build();

        assertThat(generator.unsupported(tcp)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("protocol");
            assertThat(p.value()).isEqualTo("tcp");
        });
        for (Route route : List.of(tcp, udp)) {
            assertThatThrownBy(() -> generator.render(List.of(route), settings))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("layer-4")
                    .hasMessageContaining(route.name());
            assertThatThrownBy(() -> generator.containerLabels(List.of(route), settings))
                    .isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void conflictsAreRefused() {
        assertThatThrownBy(() -> generator.render(List.of(
                Route.builder().name("a").host("app").target("a", 80).build(),
                Route.builder().name("b").host("app").target("b", 80).tls(true).build()), settings))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void noRoutesMeansNoFile() {
        assertThat(generator.render(List.of(), settings)).isEmpty();
    }

    @Test
    void manyRoutesOfEveryHttpShapeValidate() {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Route.Builder route = Route.builder().name("r" + i).host("h" + (i % 17)).target("t" + i, 1000 + i)
                    .pathPrefix(i < 17 ? "" : "/p" + i);
            switch (i % 4) {
                case 0 -> route.tls(i % 17 == 0 || i >= 17);
                case 1 -> route.basicAuth("u" + i, HASH).tls(i < 17 && i % 17 == 0);
                case 2 -> route.responseHeader("X-R", "r " + i);
                default -> route.protocol(Protocol.HTTPS);
            }
            routes.add(route.build());
        }
        String caddyfile = render(routes, settings);

        assertThat(caddyfile).contains("handle @r17 {").contains("\nh0.example.com {").contains("\nhttp://h2.example.com {");
    }

    @Test
    void containerLabelsFollowCaddyDockerProxy() {
        Map<String, String> single = generator.containerLabels(List.of(Route.builder().name("web").host("app")
                .target("ignored", 8080).build()), settings);

        assertThat(single).containsExactly(Map.entry("caddy", "http://app.example.com"),
                Map.entry("caddy.reverse_proxy", "{{upstreams 8080}}"));

        Map<String, String> labels = generator.containerLabels(List.of(
                Route.builder().name("ui").host("app").target("x", 3000).tls(true).build(),
                Route.builder().name("api").host("api").target("x", 8443).protocol(Protocol.HTTPS).tls(true)
                        .pathPrefix("/v1").basicAuth("admin", HASH).responseHeader("X-A", "a b").build()), settings);

        assertThat(labels).containsEntry("caddy_0", "api.example.com")
                .containsEntry("caddy_0.tls", "ops@example.com")
                .containsEntry("caddy_0.@api.path", "/v1 /v1/*")
                .containsEntry("caddy_0.handle_0", "@api")
                .containsEntry("caddy_0.handle_0.uri", "strip_prefix /v1")
                .containsEntry("caddy_0.handle_0.header", "X-A \"a b\"")
                .containsEntry("caddy_0.handle_0.basicauth.admin", HASH)
                .containsEntry("caddy_0.handle_0.reverse_proxy", "{{upstreams https 8443}}")
                .containsEntry("caddy_0.handle_1.respond", "404")
                .containsEntry("caddy_1", "app.example.com")
                .containsEntry("caddy_1.reverse_proxy", "{{upstreams 3000}}");
        CaddyBinary.assertValid(LabelsCaddyfile.of(labels, "172.17.0.2"));
        CaddyBinary.assertValid(LabelsCaddyfile.of(single, "172.17.0.2"));
    }

    @Test
    void aDottedUserNameCannotBeALabelKey() {
        assertThatThrownBy(() -> generator.containerLabels(List.of(Route.builder().name("w").host("w").target("x", 1)
                .basicAuth("a.b", HASH).build()), settings)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'.'");
    }
}
