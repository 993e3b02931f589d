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
        // The first page load of a browser on a busy 2-core machine (the test's own containers writing logs) has
        // taken over 30 s once: the bound is wider here than for anything after it.
        await("the login form", Duration.ofSeconds(90), d -> !d.findElements(By.id("login-name")).isEmpty());
        driver.findElement(By.id("login-name")).sendKeys(name);
        driver.findElement(By.id("login-password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        await("the navigation after logging in", d -> !d.findElements(By.cssSelector("nav#nav a")).isEmpty());
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

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
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
