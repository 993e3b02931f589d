package io.orbitr.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values that would change a generated file's meaning, or break it, are refused before anything is rendered. */
class InjectionTest {

    static Stream<Arguments> badValues() {
        String longLabel = "a".repeat(64);
        String longHost = ("a".repeat(60) + ".").repeat(4) + "example.com";
        return Stream.of(
                bad("host", "newline and a second site", b -> b.host("evil.example.com {\n respond \"pwned\"\n}\nvictim.example.com")),
                bad("host", "carriage return", b -> b.host("a.example.com\rb")),
                bad("host", "braces", b -> b.host("a{b}.example.com")),
                bad("host", "environment placeholder", b -> b.host("{$SECRET}.example.com")),
                bad("host", "go template", b -> b.host("{{ env \"SECRET\" }}.example.com")),
                bad("host", "backtick closes a Traefik rule", b -> b.host("a.example.com`) || Host(`b.example.com")),
                bad("host", "double quote", b -> b.host("a\".example.com")),
                bad("host", "single quote", b -> b.host("a'.example.com")),
                bad("host", "comment", b -> b.host("#x.example.com")),
                bad("host", "snippet", b -> b.host("(snip)")),
                bad("host", "path in host", b -> b.host("host/evil")),
                bad("host", "scheme prefix", b -> b.host("http://a.example.com")),
                bad("host", "dot-dot", b -> b.host("a..example.com")),
                bad("host", "non-ASCII", b -> b.host("bücher.example.com")),
                bad("host", "uppercase", b -> b.host("App.example.com")),
                bad("host", "over-long label", b -> b.host(longLabel + ".example.com")),
                bad("host", "over-long host", b -> b.host(longHost)),
                bad("host", "at sign", b -> b.host("a@b.example.com")),
                bad("host", "whitespace", b -> b.host("a .example.com")),
                bad("host", "empty", b -> b.host("")),
                bad("host", "inner wildcard", b -> b.host("a.*.example.com")),
                bad("host", "trailing dot", b -> b.host("a.example.com.")),
                bad("host", "dollar", b -> b.host("$a.example.com")),
                bad("targetHost", "newline", b -> b.targetHost("web\nrespond 200")),
                bad("targetHost", "space", b -> b.targetHost("web other")),
                bad("targetHost", "braces", b -> b.targetHost("{$UPSTREAM}")),
                bad("targetHost", "template", b -> b.targetHost("{{ .Name }}")),
                bad("targetHost", "backtick", b -> b.targetHost("web`")),
                bad("targetHost", "scheme", b -> b.targetHost("http://web")),
                bad("targetHost", "path", b -> b.targetHost("web/x")),
                bad("targetHost", "port inside", b -> b.targetHost("web:80")),
                bad("targetHost", "bracketed ipv6", b -> b.targetHost("[::1]")),
                bad("targetHost", "bad ipv6", b -> b.targetHost("1:2:3:4:5:6:7:8:9")),
                bad("targetHost", "not an ipv4", b -> b.targetHost("999.1.1.1")),
                bad("targetHost", "non-ASCII", b -> b.targetHost("wéb")),
                bad("targetHost", "at sign", b -> b.targetHost("user@web")),
                bad("targetHost", "hash", b -> b.targetHost("#web")),
                bad("targetPort", "port 0", b -> b.targetPort(0)),
                bad("targetPort", "port 65536", b -> b.targetPort(65536)),
                bad("targetPort", "negative port", b -> b.targetPort(-1)),
                bad("name", "at sign", b -> b.name("web@docker")),
                bad("name", "uppercase", b -> b.name("Web")),
                bad("name", "underscore", b -> b.name("web_1")),
                bad("name", "dot", b -> b.name("web.1")),
                bad("name", "braces", b -> b.name("{web}")),
                bad("name", "newline", b -> b.name("web\nx")),
                bad("name", "too long", b -> b.name("a".repeat(64))),
                bad("name", "leading dash", b -> b.name("-web")),
                bad("name", "empty", b -> b.name("")),
                bad("pathPrefix", "dot-dot", b -> b.pathPrefix("/../admin")),
                bad("pathPrefix", "dot", b -> b.pathPrefix("/./x")),
                bad("pathPrefix", "no leading slash", b -> b.pathPrefix("api")),
                bad("pathPrefix", "trailing slash", b -> b.pathPrefix("/api/")),
                bad("pathPrefix", "bare slash", b -> b.pathPrefix("/")),
                bad("pathPrefix", "double slash", b -> b.pathPrefix("//api")),
                bad("pathPrefix", "space", b -> b.pathPrefix("/a b")),
                bad("pathPrefix", "newline", b -> b.pathPrefix("/a\n}")),
                bad("pathPrefix", "brace", b -> b.pathPrefix("/a{x}")),
                bad("pathPrefix", "backtick", b -> b.pathPrefix("/a`)")),
                bad("pathPrefix", "percent encoding", b -> b.pathPrefix("/%2e%2e")),
                bad("pathPrefix", "query", b -> b.pathPrefix("/a?b")),
                bad("pathPrefix", "hash", b -> b.pathPrefix("/a#b")),
                bad("pathPrefix", "non-ASCII", b -> b.pathPrefix("/straße")),
                bad("pathPrefix", "placeholder", b -> b.pathPrefix("/{$HOME}")),
                bad("pathPrefix", "wildcard", b -> b.pathPrefix("/api/*")),
                bad("entryPoints[0]", "comma", b -> b.entryPoints("web,evil")),
                bad("entryPoints[0]", "at sign", b -> b.entryPoints("web@internal")),
                bad("entryPoints[0]", "template", b -> b.entryPoints("{{x}}")),
                bad("certResolver", "at sign", b -> b.tls(true).certResolver("le@file")),
                bad("certResolver", "newline", b -> b.tls(true).certResolver("le\nx")),
                bad("middlewares.basicAuth[0].username", "colon", b -> b.basicAuth("ad:min", RouteTest.HASH)),
                bad("middlewares.basicAuth[0].username", "brace", b -> b.basicAuth("}", RouteTest.HASH)),
                bad("middlewares.basicAuth[0].passwordHash", "plain password", b -> b.basicAuth("admin", "secret")),
                bad("middlewares.basicAuth[0].passwordHash", "md5 apr1", b -> b.basicAuth("admin",
                        "$apr1$eS/j3kum$q/X2khsIEG/bBGsteP.x./")),
                bad("middlewares.basicAuth[0].passwordHash", "hash with newline", b -> b.basicAuth("admin",
                        RouteTest.HASH.substring(0, 20) + "\n" + RouteTest.HASH.substring(21))),
                bad("middlewares.basicAuth[0].passwordHash", "hash with brace", b -> b.basicAuth("admin",
                        RouteTest.HASH.substring(0, 59) + "}")),
                bad("middlewares.basicAuth[0].passwordHash", "cost out of range", b -> b.basicAuth("admin",
                        "$2y$99$" + RouteTest.HASH.substring(7))),
                bad("middlewares.basicAuth[0].passwordHash", "short hash", b -> b.basicAuth("admin",
                        RouteTest.HASH.substring(0, 59))),
                bad("middlewares.responseHeaders[0].name", "colon", b -> b.responseHeader("X-A: b", "c")),
                bad("middlewares.responseHeaders[0].name", "newline", b -> b.responseHeader("X-A\nX-B", "c")),
                bad("middlewares.responseHeaders[0].value", "newline", b -> b.responseHeader("X-A", "a\r\nSet-Cookie: x")),
                bad("middlewares.responseHeaders[0].value", "quote", b -> b.responseHeader("X-A", "a\" b")),
                bad("middlewares.responseHeaders[0].value", "backslash", b -> b.responseHeader("X-A", "a\\")),
                bad("middlewares.responseHeaders[0].value", "placeholder", b -> b.responseHeader("X-A", "{$SECRET}")),
                bad("middlewares.responseHeaders[0].value", "caddy placeholder", b -> b.responseHeader("X-A", "{http.request.host}")),
                bad("middlewares.responseHeaders[0].value", "template", b -> b.responseHeader("X-A", "{{ env \"A\" }}")),
                bad("middlewares.responseHeaders[0].value", "backtick", b -> b.responseHeader("X-A", "`x`")),
                bad("middlewares.responseHeaders[0].value", "dollar", b -> b.responseHeader("X-A", "$HOME")),
                bad("middlewares.responseHeaders[0].value", "non-ASCII", b -> b.responseHeader("X-A", "café")),
                bad("middlewares.responseHeaders[0].value", "leading space", b -> b.responseHeader("X-A", " a")),
                bad("middlewares.responseHeaders[0].value", "empty", b -> b.responseHeader("X-A", "")),
                bad("middlewares.responseHeaders[0].value", "tab", b -> b.responseHeader("X-A", "a\tb")));
    }

    private static Arguments bad(String field, String what, UnaryOperator<Route.Builder> change) {
        return Arguments.of(field, what, change);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badValues")
    void isRefusedNamingTheField(String field, String what, UnaryOperator<Route.Builder> change) {
        Route.Builder builder = change.apply(Route.builder().name("web").host("app.example.com").target("web", 8080));

        assertThat(builder.problems()).extracting(RouteProblem::field).contains(field);
        assertThatThrownBy(builder::build).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r"));
    }

    @ParameterizedTest(name = "settings {0}: {1}")
    @MethodSource("badSettings")
    void badSettingsAreRefused(String field, String what, UnaryOperator<ProxySettings.Builder> change) {
        assertThatThrownBy(() -> change.apply(ProxySettings.builder()).build())
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(field));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("defaultDomain", "newline", op(b -> b.defaultDomain("example.com\n}"))),
                Arguments.of("defaultDomain", "placeholder", op(b -> b.defaultDomain("{$DOMAIN}"))),
                Arguments.of("defaultDomain", "wildcard", op(b -> b.defaultDomain("*.example.com"))),
                Arguments.of("acmeEmail", "newline", op(b -> b.acmeEmail("a@example.com\n}"))),
                Arguments.of("acmeEmail", "two at signs", op(b -> b.acmeEmail("a@b@example.com"))),
                Arguments.of("acmeEmail", "braces", op(b -> b.acmeEmail("{$EMAIL}"))),
                Arguments.of("acmeEmail", "no domain dot", op(b -> b.acmeEmail("root@localhost"))),
                Arguments.of("certResolver", "at sign", op(b -> b.certResolver("le@file"))),
                Arguments.of("provider", "uppercase", op(b -> b.provider("Traefik"))),
                Arguments.of("httpPort", "port 0", op(b -> b.httpPort(0))),
                Arguments.of("httpsPort", "port 65536", op(b -> b.httpsPort(65536))),
                Arguments.of("adminAddress", "public", op(b -> b.adminAddress("0.0.0.0:2019"))),
                Arguments.of("adminAddress", "no port", op(b -> b.adminAddress("127.0.0.1"))),
                Arguments.of("adminAddress", "newline", op(b -> b.adminAddress("127.0.0.1:2019\n}"))),
                Arguments.of("bindAddress", "hostname", op(b -> b.bindAddress("localhost"))),
                Arguments.of("bindAddress", "brackets", op(b -> b.bindAddress("[::1]"))));
    }

    private static UnaryOperator<ProxySettings.Builder> op(UnaryOperator<ProxySettings.Builder> op) {
        return op;
    }
}
