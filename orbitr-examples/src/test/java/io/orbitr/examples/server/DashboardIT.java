package io.orbitr.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.Orbitr;
import io.orbitr.examples.extension.LocalCaddy;
import io.orbitr.testing.RealDocker;
import io.orbitr.testing.Shell;
import io.orbitr.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

/**
 * The dashboard in real headless Chromium against a real {@link OrbitrServer} on the real engine: logging in,
 * following a container's logs with a server-side filter, a stopped container turning its health badge DOWN with a
 * notification, an extension installed from the catalog through its form and opened in the browser through a real
 * Caddy, a jd-client configuration whose mistake is shown at its field, and a viewer who sees nothing that
 * changes anything while the server refuses such calls anyway. Screenshots of the main pages go to
 * {@code target/screenshots} (and to {@code -Dorbitr.screenshots=DIR} when set).
 */
@RealDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class DashboardIT {
    static final String PREFIX = "orbitr-dashboard-it-" + UUID.randomUUID().toString().substring(0, 6);
    static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path catalogDir;
    /** The busybox extension the catalog offers (an id is a DNS label). */
    static final String EXTENSION = "wt-dash-" + UUID.randomUUID().toString().substring(0, 6);

    /**
     * The proxy's domain: Chromium resolves every name under {@code localhost} to loopback by itself, so the browser
     * reaches the extension through Caddy by its real host name, with no DNS and no resolver flags.
     */
    static final String DOMAIN = "dash.localhost";
    @TempDir
    static Path caddyDir;

    LocalCaddy caddy;
    int caddyPort;
    Orbitr orbitr;
    OrbitrServer server;
    ApiClient api;
    String admin;
    final List<String> containers = new ArrayList<>();

    @BeforeAll
    void start() throws java.io.IOException {
        Browser.requireBinaries();
        TestImages.busybox();
        // The catalog's greeter, routed by the proxy under its own subdomain.
        java.nio.file.Files.writeString(catalogDir.resolve(EXTENSION + ".yml"),
                ExtensionsAndBackupsApiIT.manifest(EXTENSION) + "route:\n  subdomain: " + EXTENSION
                        + "\n  port: 8080\n");
        caddy = LocalCaddy.start(caddyDir);
        caddyPort = LocalCaddy.freePort();
        orbitr = Orbitr.builder().dataDirectory(dataDir)
                .extensions(io.orbitr.core.extension.ExtensionSettings.defaults().withCatalogDirectory(catalogDir))
                .build();
        orbitr.proxies().updateSettings(caddy.proxySettings(DOMAIN, caddyPort, caddyDir.resolve("proxy")));
        server = OrbitrServer.builder(orbitr).bind("127.0.0.1", 0).start();
        server.accounts().create("root", Role.ADMIN, PASSWORD);
        server.accounts().create("watcher", Role.VIEWER, PASSWORD);
        admin = server.accounts().createToken(PREFIX + "-admin", Role.ADMIN, Optional.empty()).token().orElseThrow();
        api = new ApiClient(server.uri());
    }

    @AfterAll
    void stop() {
        if (orbitr != null && orbitr.extensions().find(EXTENSION).isPresent()) {
            orbitr.extensions().uninstall(EXTENSION, true);
        }
        for (String container : containers) {
            Shell.run(Duration.ofSeconds(30), List.of("docker", "rm", "-f", container));
        }
        if (server != null) {
            server.close();
        }
        if (orbitr != null) {
            orbitr.close();
        }
        if (caddy != null) {
            try {
                caddy.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A busybox container printing "tick N" on stdout and "warn N" on stderr, with a docker health check. */
    String printingContainer(String suffix) {
        String name = PREFIX + "-" + suffix;
        String script = "i=0; while true; do i=$((i+1)); echo tick $i; if [ $((i % 3)) = 0 ]; then echo warn $i >&2;"
                + " fi; sleep 0.1; done";
        ApiClient.Response created = api.post("/api/v1/containers", admin, Map.of("image", TestImages.BUSYBOX,
                "name", name, "command", List.of("sh", "-c", script), "labels", Map.of("io.orbitr.test", PREFIX),
                "start", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        containers.add(name);
        ApiClient.Response target = api.post("/api/v1/health/targets", admin, Map.of("id", name, "name", suffix,
                "group", "dashboard-it", "check", Map.of("type", "docker", "options", Map.of("container", name)),
                "intervalSeconds", 1, "timeoutSeconds", 1));
        assertThat(target.status()).as(target.body()).isEqualTo(201);
        return name;
    }

    static List<String> shownLines(Browser browser) {
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('#log-viewport .ll[data-id]')).map(e => e.textContent);");
        return lines;
    }

    @Test
    void followsAContainersLogsWhileItPrintsWithAServerSideFilter() {
        String name = printingContainer("logs");
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("container/" + name);
            browser.await("live state", d -> "live".equals(browser.find("#log-state").getAttribute("data-state")));
            browser.await("tick lines", d -> shownLines(browser).stream().anyMatch(l -> l.startsWith("tick")));
            long firstId = lastId(browser);
            browser.await("more lines arriving", d -> lastId(browser) > firstId + 5);

            // Scrolling up stops the auto-scroll while lines keep arriving; "jump to latest" resumes it.
            new Actions(browser.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(
                    browser.find("#log-viewport")), 0, -300).perform();
            browser.await("the jump button", d -> browser.find("#log-jump").isDisplayed());
            long top = scrollTop(browser);
            long before = lastId(browser);
            browser.await("lines arriving while scrolled up", d -> lastId(browser) > before + 10);
            assertThat(scrollTop(browser)).isEqualTo(top);
            browser.find("#log-jump").click();
            browser.await("the view at the end again", d -> !browser.find("#log-jump").isDisplayed());

            // A dropped connection comes back by itself and resumes after the last line: none twice.
            browser.script("document.getElementById('log-viewport').logViewer.socket.drop();");
            browser.await("reconnecting", d -> !"live".equals(browser.find("#log-state").getAttribute("data-state")));
            browser.await("live again", d -> "live".equals(browser.find("#log-state").getAttribute("data-state")));
            long resumed = lastId(browser);
            browser.await("lines after the reconnection", d -> lastId(browser) > resumed + 5);
            assertThat(ids(browser)).isSorted().doesNotHaveDuplicates();

            browser.find("#log-filter").sendKeys("^warn");
            browser.find("#log-apply").click();
            browser.await("only warn lines, arriving", d -> {
                List<String> lines = shownLines(browser);
                return lines.size() >= 5 && lines.stream().allMatch(l -> l.startsWith("warn"));
            });
            String last = browser.await("a newer warn line", d -> {
                List<String> lines = shownLines(browser);
                return lines.isEmpty() ? null : lines.get(lines.size() - 1);
            });
            browser.await("the filtered log keeps following", d -> {
                List<String> lines = shownLines(browser);
                return !lines.get(lines.size() - 1).equals(last);
            });
            assertThat(shownLines(browser)).allMatch(l -> l.startsWith("warn"));
            // Ids only ever grow: no line twice.
            assertThat(ids(browser)).isSorted().doesNotHaveDuplicates();

            browser.find("#log-filter").clear();
            browser.find("#log-filter").sendKeys("(unclosed");
            browser.find("#log-apply").click();
            browser.await("the server's refusal at the filter field", d ->
                    browser.find("#log-filter-error").getText().contains("regular expression"));
            screenshot(browser, "container-logs");
        }
    }

    @Test
    void aStoppedContainerTurnsItsBadgeDownAndANotificationAppears() {
        String name = printingContainer("health");
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("health");
            String badge = "tr[data-target='" + name + "'] .badge";
            browser.await("the target UP", d -> browser.all(badge).stream()
                    .anyMatch(b -> "UP".equals(b.getAttribute("data-status"))));
            screenshot(browser, "health");

            browser.open("containers");
            browser.find("#containers-filter").sendKeys(name);
            WebElement stop = browser.await("the stop button of " + name, d -> d.findElements(
                    By.cssSelector("button[aria-label='Stop " + name + "']")).stream().findFirst().orElse(null));
            stop.click();
            browser.await("the container stopped", Duration.ofSeconds(60), d -> !d.findElements(
                    By.cssSelector("button[aria-label='Start " + name + "']")).isEmpty());

            browser.open("health");
            browser.await("the badge DOWN", d -> browser.all(badge).stream()
                    .anyMatch(b -> "DOWN".equals(b.getAttribute("data-status"))));
            browser.open("notifications");
            browser.await("a DOWN notification for " + name, d -> browser.all("tr.unread").stream()
                    .anyMatch(row -> row.getText().contains("health") && !row.findElements(
                            By.cssSelector(".badge[data-status='DOWN']")).isEmpty()));
            browser.await("the unread count in the navigation", d -> !browser.find("#unread").getText().isEmpty());
            screenshot(browser, "notifications");
        }
    }

    @Test
    void aJdClientConfigurationShowsTheServersErrorAtItsFieldThenItsToml() {
        String poolKey = api.post("/api/v1/jdc/keys/generate", admin, null).json().path("publicKey").asText();
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("jdc/configs");
            browser.await("the configuration form", d -> !d.findElements(By.id("jdc-config-form")).isEmpty());
            browser.find("#jdc-generate-keys").click();
            browser.await("generated keys in the form", d -> !field(browser, "authority_public_key")
                    .getAttribute("value").isEmpty());
            type(browser, "name", PREFIX + "-jdc");
            type(browser, "listening_address", "127.0.0.1:34265");
            type(browser, "jdc_signature", "orbitr");
            type(browser, "coinbase_reward_script",
                    "wpkh(0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798)");
            type(browser, "template_provider_type.Sv2Tp.address", "127.0.0.1:8442");
            type(browser, "upstreams[0].authority_pubkey", poolKey);
            type(browser, "upstreams[0].pool_address", "127.0.0.1");
            type(browser, "upstreams[0].pool_port", "70000");
            type(browser, "upstreams[0].jds_address", "127.0.0.1");
            type(browser, "upstreams[0].user_identity", "miner");
            browser.find("#jdc-config-form button[type='submit']").click();

            String error = ".field-error[data-field='upstreams[0].pool_port']";
            browser.await("the error at the pool port", d -> browser.find(error).getText().contains("70000"));
            assertThat(field(browser, "upstreams[0].pool_port").getAttribute("aria-invalid")).isEqualTo("true");
            screenshot(browser, "jdc-config-error");

            type(browser, "upstreams[0].pool_port", "34254");
            browser.find("#jdc-config-form button[type='submit']").click();
            browser.await("the TOML preview", d -> browser.find("#jdc-toml-preview").getText()
                    .contains("[[upstreams]]"));
            assertThat(browser.find("#jdc-toml-preview").getText()).contains("pool_port = 34254")
                    .contains("user_identity = \"miner\"");
            assertThat(api.get("/api/v1/jdc/configs/" + PREFIX + "-jdc", admin).status()).isEqualTo(200);
            screenshot(browser, "jdc-configs");
        }
    }

    @Test
    void aJdClientInstanceIsCreatedStartedAndShowsItsLogs() throws Exception {
        // A stand-in for jd-client (it cannot run here): a shell script that logs like it and stays up.
        Path binary = dataDir.resolve("jdclient").resolve("bin").resolve("jd_client_sv2");
        java.nio.file.Files.createDirectories(binary.getParent());
        java.nio.file.Files.writeString(binary, "#!/bin/sh\necho 'INFO jd_client: dashboard stand-in started'\n"
                + "while true; do echo 'INFO jd_client: still here'; sleep 1; done\n");
        binary.toFile().setExecutable(true);
        String config = PREFIX + "-inst-config";
        ApiClient.Response saved = api.post("/api/v1/jdc/configs", admin, Map.of("name", config, "toml",
                io.orbitr.jdclient.config.TomlRenderer.render(ServerIT.validConfig())));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        String name = "dash-" + PREFIX.substring(PREFIX.length() - 6);
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("jdc/instances");
            browser.await("the create panel", d -> !d.findElements(By.cssSelector("details.panel summary")).isEmpty());
            browser.find("details.panel summary").click();
            browser.find("form[aria-label='Create an instance'] [name='name']").sendKeys(name);
            new org.openqa.selenium.support.ui.Select(browser.find("form[aria-label='Create an instance'] [name='config']"))
                    .selectByVisibleText(config);
            browser.find("form[aria-label='Create an instance'] button[type='submit']").click();
            browser.await("the instance's row", d -> !browser.all("tr[data-instance='" + name + "']").isEmpty());
            browser.find("button[aria-label='Start " + name + "']").click();
            browser.await("a pid", Duration.ofSeconds(60), d -> {
                browser.open("jdc/instances");
                return browser.all("tr[data-instance='" + name + "'] td").stream()
                        .anyMatch(td -> "PID".equals(td.getAttribute("data-label")) && !td.getText().isBlank());
            });
            browser.find("button[aria-label='Logs of " + name + "']").click();
            browser.await("the instance's log", d -> browser.find("pre.log-static").getText()
                    .contains("dashboard stand-in started"));
            screenshot(browser, "jdc-instance-logs");
            // The manager collects every 10 s when it has a scheduler; collecting now makes the samples at once.
            io.orbitr.jdclient.instance.InstanceManager manager =
                    orbitr.feature(io.orbitr.jdclient.instance.InstanceManager.class);
            manager.collectNow();
            manager.collectNow();
            browser.open("jdc/metrics");
            browser.await("the metrics tab with the instance", d -> browser.all("#metrics-instance option").stream()
                    .anyMatch(o -> o.getText().equals(name)));
            new org.openqa.selenium.support.ui.Select(browser.find("#metrics-instance")).selectByVisibleText(name);
            browser.await("summary cards with samples", d -> browser.all("#metrics-cards [data-card='samples']")
                    .stream().anyMatch(card -> !card.getText().startsWith("–") && !card.getText().startsWith("0")));
            browser.await("a drawn chart", d -> !browser.all(".charts figure.chart .uplot canvas").isEmpty());
            assertThat(browser.all("#metrics-metric option")).isNotEmpty();
            screenshot(browser, "jdc-metrics");
            api.post("/api/v1/jdc/instances/" + name + "/stop", admin, null);
        }
    }

    @Test
    void aViewerSeesNoButtonThatChangesAnythingAndTheServerRefusesThoseCallsAnyway() {
        String name = printingContainer("viewer");
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("watcher", PASSWORD);
            for (String page : List.of("", "containers", "container/" + name, "images", "networks", "volumes",
                    "health", "notifications", "proxy", "jdc/configs", "jdc/instances", "jdc/updates", "settings",
                    "extensions", "backups")) {
                browser.open(page);
                browser.await(page + " loaded", d -> d.findElements(By.cssSelector("main h1")).size() > 0
                        && d.findElements(By.xpath("//*[contains(text(),'Loading…')]")).isEmpty());
                @SuppressWarnings("unchecked")
                List<String> changing = (List<String>) browser.script("return Array.from(document.querySelectorAll("
                        + "'main [data-role=operator], main [data-role=admin], main form button[type=submit]'))"
                        + ".filter(e => e.offsetParent !== null && !e.disabled).map(e => e.textContent);");
                assertThat(changing).as("buttons that change something on '" + page + "'").isEmpty();
            }
            assertThat(browser.all("nav#nav a[href='#/users']")).isEmpty();
            Object status = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/me').then(r => r.json()).then(me => fetch('/api/v1/containers/' + arguments[0]"
                    + " + '/stop', {method: 'POST', headers: {'X-CSRF-Token': me.csrfToken}}))"
                    + ".then(r => done(r.status), e => done(String(e)));", name);
            assertThat(status).isEqualTo(403L);
            Object remove = browser.asyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/me').then(r => r.json()).then(me => fetch('/api/v1/health/targets/' + arguments[0],"
                    + " {method: 'DELETE', headers: {'X-CSRF-Token': me.csrfToken}}))"
                    + ".then(r => done(r.status), e => done(String(e)));", name);
            assertThat(remove).isEqualTo(403L);
            assertThat(api.get("/api/v1/containers/" + name, admin).json().path("state").path("status").asText())
                    .isEqualToIgnoringCase("running");
        }
    }

    @Test
    void screenshotsOfTheMainPages() {
        String name = printingContainer("shots");
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            for (String page : List.of("", "containers", "images", "networks", "volumes", "proxy", "jdc/instances",
                    "settings", "users", "audit", "extensions", "backups")) {
                browser.open(page);
                browser.await(page + " loaded", d -> d.findElements(By.xpath(
                        "//*[contains(text(),'Loading…')]")).isEmpty());
                screenshot(browser, page.isEmpty() ? "overview" : page.replace('/', '-'));
            }
            browser.open("container/" + name);
            browser.await("log lines", d -> shownLines(browser).size() > 20);
            browser.script("document.documentElement.dataset.theme = 'dark';");
            screenshot(browser, "container-logs-dark");
        }
    }

    @Test
    void installsABusyboxExtensionFromTheCatalogThroughItsFormAndOpensItThroughCaddy() {
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("extensions");
            browser.find("#catalog-search").sendKeys("greeter");
            browser.await("the catalog entry", d -> browser.all("tr[data-catalog]").size() == 1
                    && !browser.all("tr[data-catalog='" + EXTENSION + "']").isEmpty());
            browser.find("tr[data-catalog='" + EXTENSION + "'] button[data-action='install']").click();
            browser.await("the install form", d -> !browser.all("#install-form form").isEmpty());
            // The form is built from the manifest's typed input: its label, default and pattern.
            WebElement greeting = browser.find("#install-form [name='input.GREETING']");
            assertThat(greeting.getAttribute("value")).isEqualTo("hello");
            assertThat(greeting.getAttribute("pattern")).isEqualTo("[a-z ]{1,40}");
            assertThat(browser.find("#install-form label[for='" + greeting.getAttribute("id") + "']").getText())
                    .startsWith("Greeting");
            greeting.clear();
            greeting.sendKeys("hello from the dashboard");
            browser.find("#install-form button[type='submit']").click();
            browser.await("the installed row", Duration.ofSeconds(120),
                    d -> !browser.all("tr[data-extension='" + EXTENSION + "']").isEmpty());
            // The installed list refreshes itself every 10 s.
            browser.await("its health UP", Duration.ofSeconds(90), d -> !browser.all("tr[data-extension='"
                    + EXTENSION + "'] .ext-health [data-status='UP']").isEmpty());
            browser.find("tr[data-extension='" + EXTENSION + "'] button[aria-label^='Status of']").click();
            browser.await("its running container", d -> browser.all("#extension-details [data-status='RUNNING']")
                    .size() == 1);
            screenshot(browser, "extensions");
            String container = "orbitr-ext-" + EXTENSION + "-web";
            assertThat(orbitr.engine().containers().exec(container, List.of("cat", "/tmp/index.html"),
                    Duration.ofSeconds(10), 1024).output()).contains("hello from the dashboard");

            // Opened as a user would: the address the page shows, in the browser, served through Caddy.
            String address = browser.find("#extension-details a[href^='http://" + EXTENSION + "." + DOMAIN + "']")
                    .getAttribute("href");
            assertThat(address).isEqualTo("http://" + EXTENSION + "." + DOMAIN + ":" + caddyPort + "/");
            browser.await("the extension's page through Caddy", Duration.ofSeconds(30), d -> {
                d.get(address);
                return d.findElement(By.tagName("body")).getText().contains("hello from the dashboard");
            });
            assertThat(LocalCaddy.get(caddyPort, EXTENSION + "." + DOMAIN, "/").body())
                    .contains("hello from the dashboard");
            browser.open("extensions");

            browser.find("tr[data-extension='" + EXTENSION + "'] button[data-action='uninstall']").click();
            browser.find("#uninstall-keep").click();
            browser.find("#uninstall-confirm").click();
            browser.await("the row gone", Duration.ofSeconds(60),
                    d -> browser.all("tr[data-extension='" + EXTENSION + "']").isEmpty());
            assertThat(orbitr.extensions().find(EXTENSION)).isEmpty();
        }
    }

    @Test
    void takesABackupFromTheBackupsPage() {
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("backups");
            browser.await("the settings form", d -> !browser.all("main form[aria-label='Schedule and retention']")
                    .isEmpty());
            browser.find("main details.panel summary").click();
            browser.find("form[aria-label='Take a backup'] [name='name']").sendKeys(PREFIX + ".zip");
            browser.find("form[aria-label='Take a backup'] button[type='submit']").click();
            browser.await("the new archive listed", Duration.ofSeconds(60),
                    d -> !browser.all("tr[data-backup='" + PREFIX + ".zip']").isEmpty());
            assertThat(browser.find("#backup-progress").getAttribute("data-state")).isEqualTo("SUCCEEDED");
            assertThat(browser.all("tr[data-backup='" + PREFIX + ".zip'] a[download]")).hasSize(1);
            screenshot(browser, "backups");
        }
    }

    @Test
    void theOverviewShowsEngineEventsAsTheyHappen() {
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("");
            browser.await("the events section", d -> !browser.all("#engine-events").isEmpty());
            // The subscription is live once the socket is: an event after that arrives.
            browser.await("the socket live", d -> browser.find("#engine-events-state").getText().isEmpty());
            String name = printingContainer("events");
            browser.await("the container's start on the overview", Duration.ofSeconds(30), d -> browser
                    .all("#engine-events li.engine-event[data-action='start']").stream()
                    .anyMatch(li -> li.getText().contains(name)));
        }
    }

    @Test
    void theHealthFormIsBuiltFromTheServersCheckTypes() {
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("health");
            browser.await("the check type list", d -> browser.all("#check-type option").size() >= 4);
            List<String> types = browser.all("#check-type option").stream().map(o -> o.getAttribute("value"))
                    .toList();
            List<String> served = new ArrayList<>();
            api.get("/api/v1/health/check-types", admin).json().path("items")
                    .forEach(t -> served.add(t.path("id").asText()));
            assertThat(types).containsExactlyInAnyOrderElementsOf(served);
            browser.find("main details.panel summary").click();
            new org.openqa.selenium.support.ui.Select(browser.find("#check-type")).selectByValue("tcp");
            browser.await("the tcp form", d -> !browser.all("form[data-check-type='tcp']").isEmpty());
            assertThat(browser.all("form[data-check-type='tcp'] [name='option.port']")).hasSize(1);
            assertThat(browser.find("form[data-check-type='tcp'] [name='option.port']").getAttribute("type"))
                    .isEqualTo("number");
        }
    }

    @Test
    void wrapModeReachesTheFirstOfFiveThousandLines() {
        String name = PREFIX + "-wrap";
        ApiClient.Response created = api.post("/api/v1/containers", admin, Map.of("image", TestImages.BUSYBOX,
                "name", name, "command", List.of("sh", "-c", "seq 1 5000 | sed 's/^/line /'; sleep 3600"),
                "labels", Map.of("io.orbitr.test", PREFIX), "start", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        containers.add(name);
        try (Browser browser = new Browser(server.uri().toString())) {
            browser.login("root", PASSWORD);
            browser.open("container/" + name);
            browser.await("live state", d -> "live".equals(browser.find("#log-state").getAttribute("data-state")));
            WebElement tail = browser.find("#log-tail");
            tail.clear();
            tail.sendKeys("5000");
            browser.find("#log-apply").click();
            browser.await("all 5,000 lines", d -> "5000".equals(browser.find("#log-viewport")
                    .getAttribute("data-lines")));
            browser.find("#log-wrap").click();
            assertThat(shownLines(browser)).hasSize(2000).last().isEqualTo("line 5000");
            // Scrolling to the window's top moves it back, until the very first line is drawn.
            browser.await("the first line in wrap mode", d -> {
                browser.script("const v = document.getElementById('log-viewport');"
                        + "v.dispatchEvent(new WheelEvent('wheel', {deltaY: -100})); v.scrollTop = 0;");
                List<String> lines = shownLines(browser);
                return !lines.isEmpty() && lines.get(0).equals("line 1");
            });
            assertThat(browser.find("#log-viewport").getAttribute("data-wrap-from")).isEqualTo("0");
            assertThat(ids(browser)).hasSize(5000).isSorted().doesNotHaveDuplicates();
            // "Jump to latest" brings the window back to the newest line.
            browser.find("#log-jump").click();
            browser.await("the newest line again", d -> {
                List<String> lines = shownLines(browser);
                return !lines.isEmpty() && lines.get(lines.size() - 1).equals("line 5000");
            });
        }
    }

    /** Every line id the viewer holds (not only the rows drawn). */
    @SuppressWarnings("unchecked")
    static List<Long> ids(Browser browser) {
        return (List<Long>) browser.script("return document.getElementById('log-viewport').logViewer.lines"
                + ".filter(l => !l.marker).map(l => l.id);");
    }

    static long scrollTop(Browser browser) {
        return ((Number) browser.script("return Math.round(document.getElementById('log-viewport').scrollTop);"))
                .longValue();
    }

    static long lastId(Browser browser) {
        return Long.parseLong(browser.find("#log-viewport").getAttribute("data-last-id"));
    }

    static WebElement field(Browser browser, String name) {
        return browser.find("#jdc-config-form [name='" + name + "']");
    }

    static void type(Browser browser, String name, String text) {
        WebElement input = field(browser, name);
        input.clear();
        input.sendKeys(text);
    }

    static void screenshot(Browser browser, String name) {
        browser.screenshot(Path.of("target", "screenshots", name + ".png"));
        String extra = System.getProperty("orbitr.screenshots");
        if (extra != null && !extra.isBlank()) {
            browser.screenshot(Path.of(extra, name + ".png"));
        }
    }
}
