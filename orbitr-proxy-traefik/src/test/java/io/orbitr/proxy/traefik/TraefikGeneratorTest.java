package io.orbitr.proxy.traefik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orbitr.ConflictException;
import io.orbitr.proxy.ProxyFile;
import io.orbitr.proxy.ProxyGenerator;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.SubdomainScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TraefikGeneratorTest {
    static final String HASH = "$2y$10$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";
    private final TraefikGenerator generator = new TraefikGenerator();
    private final ProxySettings settings = ProxySettings.builder().defaultDomain("example.com")
            .certResolver("letsencrypt").build();

    private JsonNode render(List<Route> routes, ProxySettings settings) {
        ProxyFile file = generator.render(routes, settings).orElseThrow();
        assertThat(file.fileName()).isEqualTo("orbitr.yml");
        return TraefikFileCheck.assertValid(file.content());
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(ProxyGenerator.class).stream().map(p -> p.get().id())).contains("traefik");
    }

    @Test
    void aPlainHttpRouteIsARouterAndAService() {
        JsonNode root = render(List.of(Route.builder().name("web").host("app").target("web", 8080).build()), settings);

        JsonNode router = root.at("/http/routers/web");
        assertThat(router.path("rule").asText()).isEqualTo("Host(`app.example.com`)");
        assertThat(router.path("entryPoints").toString()).isEqualTo("[\"web\"]");
        assertThat(router.has("tls")).isFalse();
        assertThat(router.has("middlewares")).isFalse();
        assertThat(root.at("/http/services/web/loadBalancer/servers/0/url").asText()).isEqualTo("http://web:8080");
        assertThat(root.has("tcp")).isFalse();
        assertThat(root.at("/http").has("middlewares")).isFalse();
    }

    @Test
    void aPathPrefixUsesTheCleanFormAndIsStripped() {
        JsonNode root = render(List.of(Route.builder().name("api").host("app.example.org").target("api", 80)
                .pathPrefix("/api").build()), settings);

        assertThat(root.at("/http/routers/api/rule").asText())
                .isEqualTo("Host(`app.example.org`) && (Path(`/api`) || PathPrefix(`/api/`))");
        assertThat(root.at("/http/routers/api/middlewares").toString()).isEqualTo("[\"api_strip\"]");
        assertThat(root.at("/http/middlewares/api_strip/stripPrefix/prefixes").toString()).isEqualTo("[\"/api\"]");
    }

    @Test
    void tlsRoutesUseTheResolverAndRedirectThroughASecondRouter() {
        JsonNode root = render(List.of(Route.builder().name("shop").host("shop").target("shop", 3000).tls(true)
                .redirectToHttps(true).build()), settings);

        JsonNode router = root.at("/http/routers/shop");
        assertThat(router.path("entryPoints").toString()).isEqualTo("[\"websecure\"]");
        assertThat(router.at("/tls/certResolver").asText()).isEqualTo("letsencrypt");
        JsonNode redirect = root.at("/http/routers/shop_http");
        assertThat(redirect.path("entryPoints").toString()).isEqualTo("[\"web\"]");
        assertThat(redirect.path("rule").asText()).isEqualTo(router.path("rule").asText());
        assertThat(redirect.has("tls")).isFalse();
        assertThat(redirect.path("middlewares").toString()).isEqualTo("[\"shop_redirect\"]");
        assertThat(root.at("/http/middlewares/shop_redirect/redirectScheme/scheme").asText()).isEqualTo("https");
        assertThat(root.at("/http/middlewares/shop_redirect/redirectScheme/permanent").asBoolean()).isTrue();
    }

    @Test
    void aRouteResolverWinsAndNoResolverStillGivesANonEmptyTlsSection() {
        JsonNode root = render(List.of(
                Route.builder().name("a").host("a").target("a", 1).tls(true).certResolver("staging").build(),
                Route.builder().name("b").host("b").target("b", 1).tls(true).build()),
                settings.toBuilder().certResolver("").build());

        assertThat(root.at("/http/routers/a/tls/certResolver").asText()).isEqualTo("staging");
        assertThat(root.at("/http/routers/b/tls/options").asText()).isEqualTo("default");
    }

    @Test
    void middlewaresAreChainedHeadersAuthStrip() {
        JsonNode root = render(List.of(Route.builder().name("admin").host("admin").target("admin", 9000)
                .protocol(Protocol.HTTPS).tls(true).pathPrefix("/panel").basicAuth("root", HASH)
                .basicAuth("ops", HASH).responseHeader("X-Frame-Options", "DENY")
                .responseHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'").build()),
                settings);

        assertThat(root.at("/http/routers/admin/middlewares").toString())
                .isEqualTo("[\"admin_headers\",\"admin_auth\",\"admin_strip\"]");
        assertThat(root.at("/http/middlewares/admin_auth/basicAuth/users").toString())
                .isEqualTo("[\"root:" + HASH + "\",\"ops:" + HASH.replace("$", "$") + "\"]");
        assertThat(root.at("/http/middlewares/admin_headers/headers/customResponseHeaders/Content-Security-Policy")
                .asText()).isEqualTo("default-src 'self'; frame-ancestors 'none'");
        assertThat(root.at("/http/services/admin/loadBalancer/servers/0/url").asText()).isEqualTo("https://admin:9000");
    }

    @Test
    void plainTcpMatchesEverySniOnItsOwnEntryPoint() {
        JsonNode root = render(List.of(Route.builder().name("postgres").host("db").target("postgres", 5432)
                .protocol(Protocol.TCP).entryPoints("postgres").build()), settings);

        JsonNode router = root.at("/tcp/routers/postgres");
        assertThat(router.path("rule").asText()).isEqualTo("HostSNI(`*`)");
        assertThat(router.path("entryPoints").toString()).isEqualTo("[\"postgres\"]");
        assertThat(router.has("tls")).isFalse();
        assertThat(root.at("/tcp/services/postgres/loadBalancer/servers/0/address").asText())
                .isEqualTo("postgres:5432");
        assertThat(root.has("http")).isFalse();
    }

    @Test
    void tlsTcpMatchesItsHostBySni() {
        JsonNode root = render(List.of(Route.builder().name("mqtt").host("mqtt").target("10.0.0.5", 1883)
                .protocol(Protocol.TCP).tls(true).build()), settings);

        assertThat(root.at("/tcp/routers/mqtt/rule").asText()).isEqualTo("HostSNI(`mqtt.example.com`)");
        assertThat(root.at("/tcp/routers/mqtt/tls/certResolver").asText()).isEqualTo("letsencrypt");
        assertThat(root.at("/tcp/routers/mqtt/entryPoints").toString()).isEqualTo("[\"websecure\"]");
    }

    @Test
    void udpRoutersHaveNoRule() {
        JsonNode root = render(List.of(Route.builder().name("dns").host("dns").target("::1", 53)
                .protocol(Protocol.UDP).entryPoints("dns").build()), settings);

        assertThat(root.at("/udp/routers/dns").has("rule")).isFalse();
        assertThat(root.at("/udp/services/dns/loadBalancer/servers/0/address").asText()).isEqualTo("[::1]:53");
    }

    @Test
    void wildcardsUseARegexpRuleBelowSpecificHosts() {
        JsonNode root = render(List.of(
                Route.builder().name("any").host("*.apps.example.com").target("catchall", 80).tls(true).build(),
                Route.builder().name("one").host("a.apps.example.com").target("one", 80).tls(true).build()),
                settings);

        String rule = root.at("/http/routers/any/rule").asText();
        assertThat(rule).isEqualTo("HostRegexp(`^[a-z0-9-]+\\.apps\\.example\\.com$`)");
        int wildcardPriority = root.at("/http/routers/any/priority").asInt();
        int specificPriority = root.at("/http/routers/one/rule").asText().length();
        assertThat(wildcardPriority).isPositive().isLessThan(specificPriority);
        assertThat(root.at("/http/routers/any/tls/domains/0/main").asText()).isEqualTo("*.apps.example.com");
    }

    @Test
    void thePathSchemeRoutesLabelsUnderTheDomain() {
        JsonNode root = render(List.of(Route.builder().name("grafana").host("grafana").target("grafana", 3000)
                .build()), settings.toBuilder().subdomainScheme(SubdomainScheme.PATH).build());

        assertThat(root.at("/http/routers/grafana/rule").asText())
                .isEqualTo("Host(`example.com`) && (Path(`/grafana`) || PathPrefix(`/grafana/`))");
    }

    @Test
    void headerValuesWithYamlIndicatorsReadBackUnchanged() {
        List<String> values = List.of("*", "&anchor", "!tag", "%directive", "@at", "- dash", "? key", "[x, y]",
                "a: b #c", "'single'", "|", ">", "~", "null", "1e3", "0x1F", ".inf", "<<", "=", "no", "Off");
        Route.Builder route = Route.builder().name("yaml").host("yaml").target("y", 80);
        for (int i = 0; i < values.size(); i++) {
            route.responseHeader("X-V" + i, values.get(i));
        }

        JsonNode headers = render(List.of(route.build()), ProxySettings.defaults())
                .at("/http/middlewares/yaml_headers/headers/customResponseHeaders");

        for (int i = 0; i < values.size(); i++) {
            assertThat(headers.path("X-V" + i).isTextual()).as(values.get(i)).isTrue();
            assertThat(headers.path("X-V" + i).asText()).isEqualTo(values.get(i));
        }
    }

    @Test
    void valuesThatLookLikeOtherTypesStayStrings() {
        JsonNode root = render(List.of(Route.builder().name("true").host("null").target("yes", 80)
                .responseHeader("X-Count", "8080").responseHeader("X-On", "on").build()),
                ProxySettings.defaults());

        assertThat(root.at("/http/middlewares/true_headers/headers/customResponseHeaders/X-Count").isTextual())
                .isTrue();
        assertThat(root.at("/http/routers/true/service").isTextual()).isTrue();
    }

    @Test
    void everyProtocolTogetherIsOneValidFile() {
        List<Route> routes = mixedRoutes(60);
        ProxyFile file = generator.render(routes, settings).orElseThrow();

        JsonNode root = TraefikFileCheck.assertValid(file.content());
        assertThat(root.at("/http/routers").size()).isGreaterThan(30);
        assertThat(root.at("/tcp/routers").size()).isPositive();
        assertThat(root.at("/udp/routers").size()).isPositive();
        assertThat(generator.render(routes, settings).orElseThrow()).isEqualTo(file);
    }

    @Test
    void theSameRoutesInAnotherOrderGiveTheSameFile() {
        List<Route> routes = new ArrayList<>(mixedRoutes(20));
        String first = generator.render(routes, settings).orElseThrow().content();
        java.util.Collections.reverse(routes);

        assertThat(generator.render(routes, settings).orElseThrow().content()).isEqualTo(first);
    }

    @Test
    void noRoutesMeansNoFile() {
        assertThat(generator.render(List.of(), settings)).isEmpty();
    }

    @Test
    void conflictsAreRefused() {
        List<Route> routes = List.of(Route.builder().name("a").host("app").target("a", 80).build(),
                Route.builder().name("b").host("app.example.com").target("b", 80).build());

        assertThatThrownBy(() -> generator.render(routes, settings)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("app.example.com").hasMessageContaining("'a'");
    }

    @Test
    void containerLabelsDescribeTheSameRoutes() {
        Map<String, String> labels = generator.containerLabels(List.of(
                Route.builder().name("app").host("app").target("ignored", 8080).tls(true).redirectToHttps(true)
                        .pathPrefix("/ui").basicAuth("admin", HASH).responseHeader("X-Frame-Options", "DENY").build(),
                Route.builder().name("db").host("db").target("ignored", 5432).protocol(Protocol.TCP)
                        .entryPoints("postgres").build(),
                Route.builder().name("dns").host("dns").target("ignored", 53).protocol(Protocol.UDP)
                        .entryPoints("dns").build(),
                Route.builder().name("secure").host("secure").target("ignored", 8443).protocol(Protocol.HTTPS)
                        .build()), settings);

        assertThat(labels).containsEntry("traefik.enable", "true")
                .containsEntry("traefik.http.routers.app.rule",
                        "Host(`app.example.com`) && (Path(`/ui`) || PathPrefix(`/ui/`))")
                .containsEntry("traefik.http.routers.app.entrypoints", "websecure")
                .containsEntry("traefik.http.routers.app.tls", "true")
                .containsEntry("traefik.http.routers.app.tls.certresolver", "letsencrypt")
                .containsEntry("traefik.http.routers.app.middlewares", "app_headers,app_auth,app_strip")
                .containsEntry("traefik.http.routers.app.service", "app")
                .containsEntry("traefik.http.routers.app_http.entrypoints", "web")
                .containsEntry("traefik.http.routers.app_http.middlewares", "app_redirect")
                .containsEntry("traefik.http.middlewares.app_redirect.redirectscheme.scheme", "https")
                .containsEntry("traefik.http.middlewares.app_redirect.redirectscheme.permanent", "true")
                .containsEntry("traefik.http.middlewares.app_strip.stripprefix.prefixes", "/ui")
                .containsEntry("traefik.http.middlewares.app_auth.basicauth.users", "admin:" + HASH)
                .containsEntry("traefik.http.middlewares.app_headers.headers.customresponseheaders.X-Frame-Options",
                        "DENY")
                .containsEntry("traefik.http.services.app.loadbalancer.server.port", "8080")
                .containsEntry("traefik.tcp.routers.db.rule", "HostSNI(`*`)")
                .containsEntry("traefik.tcp.routers.db.entrypoints", "postgres")
                .containsEntry("traefik.tcp.services.db.loadbalancer.server.port", "5432")
                .containsEntry("traefik.udp.routers.dns.entrypoints", "dns")
                .containsEntry("traefik.udp.services.dns.loadbalancer.server.port", "53")
                .containsEntry("traefik.http.services.secure.loadbalancer.server.scheme", "https");
        assertThat(labels).doesNotContainKey("traefik.udp.routers.dns.rule");
        assertThat(labels.keySet()).allSatisfy(key -> assertThat(key).doesNotContain("@").doesNotContain(" "));
        assertThat(labels.values()).allSatisfy(value -> assertThat(value).doesNotContain("{{"));
    }

    /** Every shape of route at once: plain and TLS HTTP, prefixes, middlewares, HTTPS targets, TCP, UDP. */
    static List<Route> mixedRoutes(int count) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Route.Builder route = Route.builder().name("route-" + i).host("app-" + i).target("app-" + i, 8000 + i);
            switch (i % 6) {
                case 0 -> route.tls(true).redirectToHttps(true);
                case 1 -> route.pathPrefix("/api/v" + i).basicAuth("user" + i, HASH);
                case 2 -> route.protocol(Protocol.HTTPS).tls(true).responseHeader("X-Route", "r" + i);
                case 3 -> route.protocol(Protocol.TCP).entryPoints("tcp-" + i);
                case 4 -> route.protocol(Protocol.TCP).tls(true);
                default -> route.protocol(Protocol.UDP).entryPoints("udp-" + i);
            }
            routes.add(route.build());
        }
        return routes;
    }
}
