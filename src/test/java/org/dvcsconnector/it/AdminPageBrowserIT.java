package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dvcsconnector.testing.Browser;
import org.dvcsconnector.testing.BrowserSession;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The admin page in a real (headless) Chromium: the way an administrator reaches it, and who may not. */
class AdminPageBrowserIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo();

    /** Each test starts logged out. */
    @RegisterExtension
    static final BrowserSession session = BrowserSession.loggingOutAfterEach("");

    private static Browser browser() {
        return session.browser();
    }

    private WebDriver driver() {
        return browser().driver();
    }

    private void logIn(String user, String password) {
        browser().logIn(server.baseUrl(), user, password);
    }

    @Test
    void anAdminReachesTheAccountsPageThroughTheAdministrationMenu() throws Exception {
        logIn("admin", "admin");

        browser().waiting().until(ExpectedConditions.elementToBeClickable(By.id("admin-menu-link"))).click();
        browser().waiting().until(ExpectedConditions.urlContains("/secure/admin"));
        browser().waiting().until(ExpectedConditions.elementToBeClickable(By.id("dvcs-accounts-link"))).click();

        browser().waiting().until(ExpectedConditions.urlContains(RefappH2IT.ACCOUNTS_PAGE));
        WebElement heading = browser().waiting().until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dvcs-accounts h1")));
        assertThat(heading.getText()).isEqualTo("DVCS accounts");
        assertThat(driver().findElement(By.id("dvcs-empty-state")).isDisplayed()).isTrue();
        assertThat(driver().findElement(By.id("dvcs-empty-state")).getText())
                .contains("No Bitbucket Cloud account is linked yet");
        WebElement link = driver().findElement(By.id("dvcs-link-account"));
        assertThat(link.isDisplayed()).isTrue();
        assertThat(link.getText()).isEqualTo("Link an account");
        WebElement menuItem = driver().findElement(By.id("dvcs-accounts-link"));
        assertThat(menuItem.getAttribute("aria-current")).isEqualTo("page");
        assertThat(driver().getTitle()).contains("DVCS accounts");

        Path shot = browser().screenshot("dvcs-accounts");
        assertThat(Files.size(shot)).isPositive();
    }

    @Test
    void theAccountsPageLoadsWithoutScriptErrors() {
        logIn("admin", "admin");
        browser().consoleErrors(); // forget what came before
        driver().get(server.baseUrl() + RefappH2IT.ACCOUNTS_PAGE);
        browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-accounts")));
        // A module script runs after parsing; once the document is complete its imports were fetched.
        browser().waiting().until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
        assertThat(browser().consoleErrors()).as("console errors on the accounts page").isEmpty();
    }

    /** The pages send the host's Content-Security-Policy; {@link BrowserSession} fails the test on any violation. */
    @Test
    void thePluginsAdminPagesSendTheContentSecurityPolicyAndNeedNothingItBlocks() {
        logIn("admin", "admin");
        assertThat(server.admin().get(RefappH2IT.ACCOUNTS_PAGE).expect(200).header("Content-Security-Policy"))
                .contains(org.dvcsconnector.web.AdminPages.CONTENT_SECURITY_POLICY);
        for (String page : List.of(RefappH2IT.ACCOUNTS_PAGE, RefappH2IT.ACCOUNTS_PAGE + "?action=link",
                "/plugins/servlet/dvcs/triggers")) {
            driver().get(server.baseUrl() + page);
            browser().waiting().until(d -> "complete".equals(
                    ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
            assertThat(browser().takeCspViolations()).as("CSP violations on " + page).isEmpty();
        }
    }

    @Test
    void aUserWhoIsNoAdminGetsThe403Page() {
        logIn("alice", "alice");
        assertThat(driver().findElements(By.id("admin-menu-link"))).as("no Administration link for alice").isEmpty();

        driver().get(server.baseUrl() + RefappH2IT.ACCOUNTS_PAGE);
        WebElement message = browser().waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-message")));
        assertThat(driver().findElement(By.cssSelector(".error-page h1")).getText()).isEqualTo("403");
        assertThat(message.getText()).isNotBlank();
        assertThat(driver().findElements(By.id("admin-menu-link"))).isEmpty();
        assertThat(driver().findElements(By.id("dvcs-empty-state"))).isEmpty();
        assertThat(driver().findElement(By.id("current-user")).getText()).contains("Alice");
    }

    @Test
    void anonymousVisitorsLandOnTheLoginPageAndComeBackAfterwards() {
        driver().get(server.baseUrl() + RefappH2IT.ACCOUNTS_PAGE);
        browser().waiting().until(ExpectedConditions.urlContains("/login"));
        assertThat(driver().getCurrentUrl()).contains("os_destination=%2Fplugins%2Fservlet%2Fdvcs%2Faccounts");

        WebElement username = browser().waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form-username")));
        username.sendKeys("admin");
        driver().findElement(By.id("login-form-password")).sendKeys("admin");
        driver().findElement(By.id("login-form-submit")).click();

        browser().waiting().until(ExpectedConditions.urlContains(RefappH2IT.ACCOUNTS_PAGE));
        assertThat(browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-empty-state")))
                .isDisplayed()).isTrue();
    }
}
