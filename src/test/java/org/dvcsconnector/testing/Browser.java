package org.dvcsconnector.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Debian's chromedriver. Both paths are set explicitly, so Selenium Manager
 * never looks for (or downloads) a browser or a driver. Screenshots go to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    // Selenium logs through java.util.logging; "no CDP for Chromium N" is expected with Debian's newer builds.
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriverService service;
    private final WebDriver driver;
    private final Path userDataDir;
    private final java.util.List<String> cspViolations = new java.util.ArrayList<>();
    private static final java.util.regex.Pattern SIMULATOR_AVATAR = java.util.regex.Pattern.compile(
            "Loading the image 'http://localhost:\\d+/workspaces/[^/']+/avatar/?' violates the following Content Security Policy directive: \"img-src ");

    private Browser(ChromeDriverService service, WebDriver driver, Path userDataDir) {
        this.service = service;
        this.driver = driver;
        this.userDataDir = userDataDir;
    }

    public static Browser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver; ./test installs them)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path userDataDir = Files.createTempDirectory("dvcs-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + userDataDir);
        // Keep the console, so tests can check that pages load without script errors.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(service, driver, userDataDir);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(userDataDir);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** A wait with a generous limit; conditions decide, never sleeps. */
    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Saves a PNG of the current page as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Console messages at SEVERE since the last call (script errors, failed loads). */
    public java.util.List<String> consoleErrors() {
        return readConsole().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage()).toList();
    }

    /**
     * Chromium's reports of what a Content-Security-Policy blocked (inline scripts and styles, event handlers,
     * {@code javascript:} URLs, resources from elsewhere) since the last call; {@link BrowserSession} fails a test
     * that leaves any.
     */
    public java.util.List<String> takeCspViolations() {
        readConsole();
        java.util.List<String> taken = java.util.List.copyOf(cspViolations);
        cspViolations.clear();
        return taken;
    }

    // Reading the console empties it, so every read keeps the CSP reports for takeCspViolations. Dropped: the
    // Bitbucket simulator's avatars, which it serves over plain http from localhost (Bitbucket's are https:, which
    // img-src allows), so the policy blocks them in tests only.
    private java.util.List<org.openqa.selenium.logging.LogEntry> readConsole() {
        java.util.List<org.openqa.selenium.logging.LogEntry> entries =
                driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                        .filter(e -> !SIMULATOR_AVATAR.matcher(e.getMessage()).find()).toList();
        entries.stream().map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .forEach(cspViolations::add);
        return entries;
    }

    /** Logs in through the refapp's login form and waits for the logged-in page. */
    public void logIn(String baseUrl, String user, String password) {
        driver.get(baseUrl + "/login");
        org.openqa.selenium.WebElement username = waiting().until(
                org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                        org.openqa.selenium.By.id("login-form-username")));
        username.clear();
        username.sendKeys(user);
        driver.findElement(org.openqa.selenium.By.id("login-form-password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.id("login-form-submit")).click();
        waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                org.openqa.selenium.By.id("current-user")));
    }

    /** Forgets cookies (logs the browser out) without a new browser. */
    public void clearCookies() {
        driver.manage().deleteAllCookies();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(userDataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temp dir left behind is harmless
        }
    }
}
