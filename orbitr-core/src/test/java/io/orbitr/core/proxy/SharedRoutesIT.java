package io.orbitr.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.proxy.ProxySettings;
import io.orbitr.proxy.Route;
import io.orbitr.testing.Await;
import io.orbitr.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one real PostgreSQL store: a route changed on one reaches the other's proxy file through
 * LISTEN/NOTIFY, within a second, without a restart or polling.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedRoutesIT {
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final TestStore database = new TestStore(TestStore.Kind.POSTGRESQL);

    @AfterEach
    void drop() {
        database.close();
    }

    private Orbitr server(Path data) {
        return Orbitr.builder().noDiscovery().store(database.settings()).dataDirectory(data).secretKey(KEY)
                .register(new LinesGenerator()).build();
    }

    @Test
    void aRouteChangedOnOneServerIsWrittenIntoTheOthersFile(@TempDir Path one, @TempDir Path two) {
        try (Orbitr a = server(one); Orbitr b = server(two)) {
            a.proxies().updateSettings(ProxySettings.builder().provider(LinesGenerator.ID).defaultDomain("example.com")
                    .build());
            Path fileOfB = two.resolve("proxy").resolve("orbitr.yml");

            a.proxies().create(Route.builder().name("web").host("app").target("web", 8080).build());
            Await.until("b's file has the route", WITHIN.plusMillis(500),
                    () -> contains(fileOfB, "web app.example.com"), () -> read(fileOfB));

            a.proxies().update(Route.builder().name("web").host("shop").target("web", 8080).build());
            Await.until("b's file has the change", WITHIN.plusMillis(500),
                    () -> contains(fileOfB, "web shop.example.com"), () -> read(fileOfB));

            b.proxies().remove("web");
            Path fileOfA = one.resolve("proxy").resolve("orbitr.yml");
            Await.until("a's file has no route left", WITHIN.plusMillis(500), () -> !Files.exists(fileOfA),
                    () -> read(fileOfA));
            assertThat(a.proxies().list()).isEmpty();
        }
    }

    private static boolean contains(Path file, String text) {
        return read(file).contains(text);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no file)";
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
