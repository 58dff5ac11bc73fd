package org.dvcsconnector.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium for a test class, as a static {@code @RegisterExtension}: started before the class's own
 * {@code @BeforeAll} methods, closed after its tests. After each test the last page is saved as
 * {@code <prefix>last-<test>.png} under {@link Browser#SCREENSHOTS} for a failure's post-mortem, and with
 * {@link #loggingOutAfterEach} the session cookies are dropped so that each test starts logged out. A test fails
 * when the browser reported a Content-Security-Policy violation during it (the plugin's pages send the host's policy
 * themselves, see {@code AdminPages.CONTENT_SECURITY_POLICY}).
 */
public final class BrowserSession implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final String prefix;
    private final boolean logOut;
    private Browser browser;

    private BrowserSession(String prefix, boolean logOut) {
        this.prefix = prefix;
        this.logOut = logOut;
    }

    /** Tests share the session (and the login) of the one before. */
    public static BrowserSession keepingTheSession(String screenshotPrefix) {
        return new BrowserSession(screenshotPrefix, false);
    }

    public static BrowserSession loggingOutAfterEach(String screenshotPrefix) {
        return new BrowserSession(screenshotPrefix, true);
    }

    public Browser browser() {
        if (browser == null) {
            throw new IllegalStateException("The browser starts before the test class's @BeforeAll methods, not earlier");
        }
        return browser;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        browser = Browser.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        browser.screenshot(prefix + "last-" + context.getRequiredTestMethod().getName());
        java.util.List<String> violations = browser.takeCspViolations();
        if (logOut) {
            browser.clearCookies();
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("Content-Security-Policy violations reported by the browser:\n  "
                    + String.join("\n  ", violations));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
