package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dvcsconnector.testing.Browser;
import org.dvcsconnector.testing.BrowserSession;
import org.dvcsconnector.testing.RefappServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Workflow triggers page in Chromium: the transition is chosen from the project's workflow, a rule is edited in
 * place, and deleting asks first. {@link BrowserSession} fails the test on any Content-Security-Policy violation.
 */
class TriggersPageBrowserIT {

    private static final String PAGE = "/plugins/servlet/dvcs/triggers";

    @RegisterExtension
    static final RefappServer server = RefappServer.demo();

    @RegisterExtension
    static final BrowserSession session = BrowserSession.loggingOutAfterEach("");

    private static Browser browser() {
        return session.browser();
    }

    private static WebDriver driver() {
        return browser().driver();
    }

    @Test
    void anAdminAddsARuleFromTheWorkflowsTransitionsEditsItAndDeletesItAfterConfirming() throws Exception {
        browser().logIn(server.baseUrl(), "admin", "admin");
        open();
        assertThat(browser().consoleErrors()).isEmpty();

        new Select(driver().findElement(By.id("dvcs-rule-project"))).selectByValue("DEMO");
        Select transition = new Select(driver().findElement(By.id("dvcs-rule-transition")));
        assertThat(transition.getOptions()).extracting(WebElement::getText)
                .containsExactly("Start Progress", "Submit for review", "Resolve", "Reopen");
        new Select(driver().findElement(By.id("dvcs-rule-event"))).selectByValue("pullrequest_merged");
        transition.selectByVisibleText("Resolve");
        driver().findElement(By.cssSelector("#dvcs-rule-form button[type=submit]")).click();

        WebElement row = rule();
        assertThat(row.getText()).contains("DEMO").contains("pullrequest_merged").contains("Resolve")
                .contains("Users here, else the service user, else DVCS Connector");
        assertThat(flash()).isEqualTo("Rule added.");

        row.findElement(By.cssSelector("a[data-action=edit]")).click();
        browser().waiting().until(ExpectedConditions.textToBe(By.cssSelector("#dvcs-rule-form button[type=submit]"),
                "Save rule"));
        assertThat(new Select(driver().findElement(By.id("dvcs-rule-event"))).getFirstSelectedOption().getText())
                .isEqualTo("pullrequest_merged");
        new Select(driver().findElement(By.id("dvcs-rule-transition"))).selectByVisibleText("Reopen");
        driver().findElement(By.id("dvcs-rule-strict")).click();
        driver().findElement(By.cssSelector("#dvcs-rule-form button[type=submit]")).click();

        row = rule();
        assertThat(row.getText()).contains("Reopen").contains("Only users here");
        assertThat(flash()).isEqualTo("Rule saved.");
        assertThat(server.admin().get("/rest/dvcs/1.0/triggers").expect(200).json()).hasSize(1);

        row.findElement(By.cssSelector("form.dvcs-delete-rule button")).click();
        WebElement dialog = browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("dvcs-delete-dialog")));
        assertThat(dialog.getText()).contains("Delete the rule?").contains("DEMO: pullrequest_merged → Reopen");
        browser().screenshot("workflow-triggers-delete");
        dialog.findElement(By.xpath(".//button[text()='Cancel']")).click();
        browser().waiting().until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(server.admin().get("/rest/dvcs/1.0/triggers").expect(200).json()).as("kept on cancel").hasSize(1);

        rule().findElement(By.cssSelector("form.dvcs-delete-rule button")).click();
        dialog = browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-delete-dialog")));
        dialog.findElement(By.xpath(".//button[text()='Delete']")).click();
        browser().waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("dvcs-trigger-rules"),
                "No rules yet."));
        assertThat(flash()).isEqualTo("Rule deleted.");
        assertThat(server.admin().get("/rest/dvcs/1.0/triggers").expect(200).json()).isEmpty();
    }

    @Test
    void aTransitionTheWorkflowLacksIsRefusedOnThePageWithTheChoices() {
        browser().logIn(server.baseUrl(), "admin", "admin");
        open();
        // A form posted without the page's script or with a stale list: the server checks the name.
        new Select(driver().findElement(By.id("dvcs-rule-project"))).selectByValue("DEMO");
        ((JavascriptExecutor) driver()).executeScript("const s = document.getElementById('dvcs-rule-transition');"
                + "const o = document.createElement('option'); o.value = 'Begin work'; o.textContent = 'Begin work';"
                + "s.append(o); s.value = 'Begin work';");
        driver().findElement(By.cssSelector("#dvcs-rule-form button[type=submit]")).click();

        WebElement errors = browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("dvcs-form-errors")));
        assertThat(errors.getText()).contains("No status of DEMO's workflow offers a transition Begin work")
                .contains("Start Progress, Submit for review, Resolve, Reopen");
        assertThat(new Select(driver().findElement(By.id("dvcs-rule-project"))).getFirstSelectedOption().getText())
                .isEqualTo("DEMO");
        assertThat(server.admin().get("/rest/dvcs/1.0/triggers").expect(200).json()).isEmpty();
    }

    private static void open() {
        driver().get(server.baseUrl() + PAGE);
        browser().waiting().until(d -> "complete".equals(((JavascriptExecutor) d).executeScript(
                "return document.readyState")));
    }

    private static WebElement rule() {
        return browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#dvcs-trigger-rules tr[data-rule-id]")));
    }

    private static String flash() {
        List<WebElement> banners = driver().findElements(By.cssSelector("#dvcs-flash, .dvcs-banner.success"));
        return banners.isEmpty() ? "" : banners.get(0).getText();
    }
}
