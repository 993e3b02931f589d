package io.orbitr.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.InvalidValueException;
import io.orbitr.proxy.Protocol;
import io.orbitr.proxy.Route;
import io.orbitr.proxy.RouteProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteJsonTest {
    static final String HASH = "$2y$10$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";

    @Test
    void everyFieldRoundTrips() {
        Route route = Route.builder().name("api").host("api.example.org").target("::1", 8443).protocol(Protocol.HTTPS)
                .tls(true).pathPrefix("/v1").entryPoints("websecure").certResolver("le").redirectToHttps(true)
                .basicAuth("admin", HASH).responseHeader("X-B", "2").responseHeader("X-A", "1").build();

        String json = RouteJson.write(route);

        assertThat(json).contains("\"name\":\"api\"", "\"host\":\"api.example.org\"", "\"targetHost\":\"::1\"",
                "\"targetPort\":8443", "\"protocol\":\"https\"", "\"tls\":true", "\"pathPrefix\":\"/v1\"");
        assertThat(RouteJson.read(json)).isEqualTo(route);
        assertThat(RouteJson.readArray(RouteJson.writeArray(List.of(route, route.toBuilder().name("b").build()))))
                .extracting(p -> p.route().orElseThrow().name()).containsExactly("api", "b");
    }

    @Test
    void theShortFormHasDefaults() {
        Route route = RouteJson.read("{\"name\":\"web\",\"host\":\"app\",\"targetHost\":\"web\",\"targetPort\":80}");

        assertThat(route).isEqualTo(Route.builder().name("web").host("app").target("web", 80).build());
    }

    @Test
    void everyProblemOfEveryElementIsReported() {
        List<ParsedRoute> parsed = RouteJson.readArray("""
                [
                  {"name": "ok", "host": "app", "targetHost": "web", "targetPort": 80},
                  {"name": "bad", "host": "a b", "targetHost": "web", "targetPort": 70000, "protocol": "ftp",
                   "tls": "yes", "colour": "red", "middlewares": {"basicAuth": [{"username": "x"}],
                   "responseHeaders": {"X-A": 1}, "gzip": true}},
                  {"host": "{$SECRET}.example.com", "targetHost": "web", "targetPort": "80"},
                  42
                ]
                """);

        assertThat(parsed.get(0).route()).isPresent();
        assertThat(parsed.get(1).label()).isEqualTo("routes[1] (bad)");
        assertThat(parsed.get(1).problems()).extracting(RouteProblem::field).containsExactlyInAnyOrder("host",
                "targetPort", "protocol", "tls", "colour", "middlewares.basicAuth[0]",
                "middlewares.responseHeaders[0].value", "middlewares.gzip");
        assertThat(parsed.get(2).label()).isEqualTo("routes[2]");
        assertThat(parsed.get(2).problems()).extracting(RouteProblem::field)
                .containsExactlyInAnyOrder("host", "targetPort", "name");
        assertThat(parsed.get(3).problems()).extracting(RouteProblem::field).containsExactly("route");
    }

    @Test
    void textThatIsNotAnArrayIsRefused() {
        assertThatThrownBy(() -> RouteJson.readArray("{\"name\": 1}")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> RouteJson.readArray("[{")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RouteJson.readArray("")).isInstanceOf(InvalidValueException.class);
    }
}
