package io.orbitr.examples.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, both named explicitly so Selenium never looks for or
 * downloads a browser. Each instance has its own fresh profile. Missing binaries skip the test on a developer's
 * machine and fail it under {@code CI=true}.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final WebDriver driver;
    private final Path profile;
    private final String base;

    Browser(String base) {
        requireBinaries();
        this.base = base.endsWith("/") ? base : base + "/";
        try {
            this.profile = Files.createTempDirectory("orbitr-dashboard-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1000");
        // The console is read when a wait fails (a module that did not load shows there, and nowhere else).
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    static void requireBinaries() {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run"
                    + " must install Debian's chromium and chromium-driver");
        }
        Assumptions.assumeTrue(present, "no " + CHROMIUM + " / " + CHROMEDRIVER);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a page of the dashboard, {@code ""} for the overview, {@code "health"} for {@code #/health}. */
    void open(String page) {
        driver.get(base + "#/" + page);
    }

    void login(String name, String password) {
        driver.get(base);
        try {
            await("the login form", Duration.ofSeconds(30), d -> !d.findElements(By.id("login-name")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            // Seen twice in CI in a fresh browser, never on a second look: what the page and the server were doing
            // is written down, and the page is loaded once more, as a user would. A second miss fails the test.
            String first = diagnosis();
            System.err.println("DashboardIT: the login form did not appear within 30 s; " + first);
            driver.navigate().refresh();
            try {
                await("the login form", Duration.ofSeconds(30), d -> !d.findElements(By.id("login-name")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException again) {
                throw new AssertionError("the login form did not appear, twice; first: " + first + "\nthen: "
                        + diagnosis(), again);
            }
        }
        driver.findElement(By.id("login-name")).sendKeys(name);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        await("the navigation after logging in", d -> !d.findElements(By.cssSelector("nav#nav a")).isEmpty());
    }

    /**
     * What the page and the server were doing when a wait failed: the page's state, the resources it finished
     * loading, a fresh fetch of {@code /api/v1/me} from the page, and the server's busy threads.
     */
    String diagnosis() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("page: ").append(script("return document.readyState + ' | ' + location.href + ' | main: '"
                    + " + (document.getElementById('main') || {}).textContent;"));
            out.append("\nresources: ").append(script("return performance.getEntriesByType('resource')"
                    + ".map(r => r.name.replace(location.origin, '') + ' ' + Math.round(r.duration) + 'ms').join(', ');"));
            out.append("\nfetch /api/v1/me: ").append(asyncScript("const done = arguments[arguments.length - 1];"
                    + " const t = performance.now(); const c = new AbortController();"
                    + " setTimeout(() => c.abort(), 5000);"
                    + " fetch('/api/v1/me', {signal: c.signal}).then(r => done(r.status + ' in '"
                    + " + Math.round(performance.now() - t) + 'ms'), e => done('failed: ' + e));"));
        } catch (RuntimeException e) {
            out.append("\n(the page did not answer: ").append(e.getMessage().lines().findFirst().orElse("")).append(')');
        }
        try {
            out.append("\nconsole:");
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll()
                    .forEach(entry -> out.append("\n  ").append(entry.getLevel()).append(' ').append(entry.getMessage()));
        } catch (RuntimeException e) {
            out.append(" (not readable: ").append(e.getClass().getSimpleName()).append(')');
        }
        out.append("\nthreads:");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean ours = java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("io.orbitr")
                    || f.getClassName().startsWith("io.javalin"));
            if (stack.length > 0 && thread != Thread.currentThread()
                    && (ours || thread.getState() == Thread.State.BLOCKED)) {
                out.append("\n  ").append(thread.getName()).append(' ').append(thread.getState());
                for (int i = 0; i < Math.min(12, stack.length); i++) {
                    out.append("\n    at ").append(stack[i]);
                }
            }
        });
        return out.toString();
    }

    /** Waits at most 30 s for a condition, naming it when it does not come. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, Duration.ofSeconds(30), condition);
    }

    <T> T await(String what, Duration limit, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, limit);
        wait.withMessage("waiting for " + what);
        wait.pollingEvery(Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(d -> {
            T value = condition.apply(d);
            return value instanceof Boolean b && !b ? null : value;
        });
    }

    /** The first element matching, waiting up to 10 s for it: pages load their own modules when first shown. */
    WebElement find(String css) {
        return await(css, Duration.ofSeconds(10), d -> d.findElements(By.cssSelector(css)).stream().findFirst()
                .orElse(null));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object script(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(code, args);
    }

    Object asyncScript(String code, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(code, args);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
