package io.orbitr.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
    private final Route grafana = Route.builder().name("grafana").host("grafana").target("grafana", 3000)
            .pathPrefix("/ui").build();

    @Test
    void singleLabelHostsBecomeSubdomains() {
        ProxySettings settings = ProxySettings.builder().defaultDomain("example.com").build();

        Route resolved = settings.resolve(grafana);

        assertThat(resolved.host()).isEqualTo("grafana.example.com");
        assertThat(resolved.pathPrefix()).isEqualTo("/ui");
        assertThat(settings.resolve(resolved)).isEqualTo(resolved);
    }

    @Test
    void thePathSchemePutsTheLabelInFrontOfThePath() {
        ProxySettings settings = ProxySettings.builder().defaultDomain("example.com")
                .subdomainScheme(SubdomainScheme.PATH).build();

        Route resolved = settings.resolve(grafana);

        assertThat(resolved.host()).isEqualTo("example.com");
        assertThat(resolved.pathPrefix()).isEqualTo("/grafana/ui");
    }

    @Test
    void fullDomainsAndRoutesWithoutDefaultDomainStayAsGiven() {
        Route custom = grafana.toBuilder().host("grafana.example.org").build();

        assertThat(ProxySettings.builder().defaultDomain("example.com").build().resolve(custom)).isEqualTo(custom);
        assertThat(ProxySettings.defaults().resolve(grafana)).isEqualTo(grafana);
    }

    @Test
    void aResolvedHostLongerThanAllowedIsRefused() {
        String domain = ("a".repeat(60) + ".").repeat(4) + "com";
        ProxySettings settings = ProxySettings.builder().defaultDomain(domain).build();

        assertThatThrownBy(() -> settings.resolve(grafana.toBuilder().host("x".repeat(60)).build()))
                .hasMessageStartingWith("invalid host");
    }

    @Test
    void conflictsNameTheRouteAlreadyThere() {
        ProxySettings settings = ProxySettings.builder().defaultDomain("example.com").build();
        Route a = Route.builder().name("a").host("app").target("a", 80).pathPrefix("/api").build();
        Route b = Route.builder().name("b").host("app.example.com").target("b", 80).pathPrefix("/api").build();
        Route c = Route.builder().name("c").host("app").target("c", 80).build();

        List<RouteConflict> conflicts = RouteValidator.conflicts(List.of(a, b, c), settings);

        assertThat(conflicts).singleElement().satisfies(conflict -> {
            assertThat(conflict.index()).isEqualTo(1);
            assertThat(conflict.route()).isEqualTo("b");
            assertThat(conflict.message()).startsWith("route 'b': invalid host 'app.example.com/api'");
            RouteProblem p = conflict.problem();
            assertThat(p.field()).isEqualTo("host");
            assertThat(p.value()).isEqualTo("app.example.com/api");
            assertThat(p.rule()).contains("'a'");
        });
    }

    @Test
    void layerFourEntryPointsAreExclusive() {
        Route pg = Route.builder().name("pg").host("db").target("pg", 5432).protocol(Protocol.TCP).entryPoints("db")
                .build();
        Route mysql = pg.toBuilder().name("mysql").target("mysql", 3306).build();
        Route onWeb = pg.toBuilder().name("onweb").entryPoints("web").build();
        Route http = Route.builder().name("site").host("site").target("site", 80).build();
        Route dns = Route.builder().name("dns").host("dns").target("dns", 53).protocol(Protocol.UDP).entryPoints("db")
                .build();

        List<RouteConflict> conflicts = RouteValidator.conflicts(List.of(pg, mysql, onWeb, http, dns),
                ProxySettings.defaults());

        assertThat(conflicts).extracting(c -> c.problem().value()).containsExactly("db", "web");
        assertThat(conflicts).extracting(RouteConflict::route).containsExactly("mysql", "onweb");
    }

    @Test
    void aTlsTcpRouteTakesItsHostWhole() {
        Route db = Route.builder().name("db").host("db.example.com").target("pg", 5432).protocol(Protocol.TCP)
                .tls(true).build();
        Route web = Route.builder().name("web").host("db.example.com").target("w", 80).pathPrefix("/x").build();

        assertThat(RouteValidator.conflicts(List.of(db, web), ProxySettings.defaults())).singleElement()
                .satisfies(c -> assertThat(c.problem().rule()).contains("'db'"));
        assertThat(RouteValidator.conflicts(List.of(web, db), ProxySettings.defaults())).singleElement()
                .satisfies(c -> assertThat(c.problem().rule()).contains("'web'"));
    }

    @Test
    void duplicateNamesAreConflicts() {
        Route a = Route.builder().name("a").host("x").target("a", 80).build();
        Route b = Route.builder().name("a").host("y").target("a", 80).build();

        assertThat(RouteValidator.conflicts(List.of(a, b), ProxySettings.defaults()))
                .extracting(c -> c.problem().field()).containsExactly("name");
    }
}
