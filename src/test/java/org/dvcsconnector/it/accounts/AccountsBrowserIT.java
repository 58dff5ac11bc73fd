package org.dvcsconnector.it.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE;
import static org.dvcsconnector.testing.Dvcs.DEMO_PRIVATE_SECRET;
import static org.dvcsconnector.testing.Dvcs.DEMO_PUBLIC;
import static org.dvcsconnector.testing.Dvcs.DEMO_PUBLIC_SECRET;
import static org.dvcsconnector.testing.Dvcs.PAGE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.dvcsconnector.testing.Browser;
import org.dvcsconnector.testing.BrowserSession;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.LegacyTables;
import org.dvcsconnector.testing.RefappServer;
import org.dvcsconnector.testing.Sim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The accounts page in headless Chromium, as an administrator uses it: link with a private consumer, with a
 * public one through Bitbucket's authorize page (grant, deny, replay), delete with the dialog, migrate an
 * imported OAuth 1.0 account, and see field errors.
 */
class AccountsBrowserIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo().args("--sim-port", "0").beforeStart(home -> {
        Files.createDirectories(home.resolve("database"));
        try (Connection c = LegacyTables.h2(home)) {
            LegacyTables.createIfMissing(c);
        }
    });

    @RegisterExtension
    static final BrowserSession session = BrowserSession.keepingTheSession("accounts-");

    private static Sim sim;
    private static Http admin;

    private static Browser browser() {
        return session.browser();
    }

    @BeforeAll
    static void logInAsAdmin() throws Exception {
        sim = Sim.of(server);
        admin = server.admin();
        logIn();
    }

    private static WebDriver driver() {
        return browser().driver();
    }

    private static void logIn() {
        browser().logIn(server.baseUrl(), "admin", "admin");
    }

    private static void openLinkForm() {
        driver().get(server.baseUrl() + PAGE + "?action=link");
        browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-workspace")));
    }

    private static void fillLinkForm(String workspace, String clientId, String secret, boolean isPublic) {
        openLinkForm();
        type(By.id("dvcs-workspace"), workspace);
        type(By.id("dvcs-client-id"), clientId);
        type(By.id("dvcs-client-secret"), secret);
        driver().findElement(By.id(isPublic ? "dvcs-consumer-public" : "dvcs-consumer-private")).click();
    }

    private static void type(By field, String text) {
        WebElement element = driver().findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    private static WebElement card(int account) {
        return browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-account-" + account)));
    }

    /** The flash message; read inside the wait because the page reloads itself (keeping the flash) when discovery ends. */
    private static String flash() {
        return browser().waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement flash = d.findElement(By.id("dvcs-flash"));
            return flash.isDisplayed() ? flash.getText() : null;
        });
    }

    /**
     * Waits for the card's repository rows and reads each with {@code read}. The page's live polling reloads it when
     * a discovery ends (any account's), so the rows are read inside the wait, starting again if a reload made them
     * stale. The wait also reloads the page every few seconds, like an administrator would.
     */
    private static <T> List<T> awaitRepositoryRows(int account, int count, Function<WebElement, T> read) {
        long[] lastLoad = {System.nanoTime()};
        return browser().waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#dvcs-account-" + account + " tr[data-repository-id]"));
            if (rows.size() == count) {
                return rows.stream().map(read).toList();
            }
            if (System.nanoTime() - lastLoad[0] > 3_000_000_000L) {
                d.navigate().refresh();
                lastLoad[0] = System.nanoTime();
            }
            return null;
        });
    }

    private static String repositoryName(WebElement row) {
        return row.findElement(By.cssSelector(".repository-name")).getText().trim();
    }

    /** The card's authentication badge, read inside the wait for the same reason as the rows. */
    private static String authBadge(int account) {
        return browser().waiting().ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#dvcs-account-" + account + " .auth-badge")).getDomProperty("textContent").trim());
    }

    @Test
    void linkingWithAPrivateConsumerShowsTheAccountAndItsRepositories() throws Exception {
        // Reading the browser log drains it: start from what this test causes, not earlier tests' 400s.
        browser().consoleErrors();
        sim.workspace("orbit", "api", "infra", "webapp");
        fillLinkForm("orbit", DEMO_PRIVATE, DEMO_PRIVATE_SECRET, false);
        driver().findElement(By.id("dvcs-link-submit")).click();

        browser().waiting().until(ExpectedConditions.urlToBe(server.baseUrl() + PAGE));
        assertThat(flash()).contains("Linked");
        int id = Dvcs.accountByWorkspace(admin, "orbit").orElseThrow().path("id").asInt();
        assertThat(authBadge(id)).isEqualTo("OAuth 2.0 · private consumer");
        assertThat(awaitRepositoryRows(id, 3, AccountsBrowserIT::repositoryName))
                .containsExactlyInAnyOrder("api", "infra", "webapp");
        assertThat(driver().getPageSource()).doesNotContain(DEMO_PRIVATE_SECRET);
        browser().screenshot("accounts-linked");
        assertThat(browser().consoleErrors()).as("script errors")
                .filteredOn(e -> !e.contains("favicon.ico")).isEmpty();
    }

    @Test
    void theVerifiedAuthorsOptionIsOffExplainedAndSavedWhenTicked() {
        sim.workspace("quasar", "core");
        int id = Dvcs.linkPrivate(admin, "quasar", DEMO_PRIVATE, DEMO_PRIVATE_SECRET).path("id").asInt();
        By box = By.cssSelector("#dvcs-account-" + id + " input[data-option=verifiedAuthorsOnly]");
        Dvcs.awaitDiscovered(admin, id); // the page reloads itself when a discovery ends
        driver().get(server.baseUrl() + PAGE);
        card(id);
        WebElement option = browser().waiting().until(ExpectedConditions.elementToBeClickable(box));
        assertThat(option.isSelected()).as("off for a new account").isFalse();
        String help = driver().findElement(By.id(option.getDomAttribute("aria-describedby"))).getText();
        assertThat(help).contains("whatever the pusher wrote").contains("linked its author");

        option.click();
        Dvcs.awaitAccount(admin, id, "the option saved", a -> a.path("verifiedAuthorsOnly").asBoolean());
        driver().navigate().refresh();
        assertThat(browser().waiting().ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(box)).isSelected()).as("ticked after a reload").isTrue();
    }

    /**
     * A spent budget reads as a pause (when it ends and why, styled as a note, with an ETA), never as a failure; the
     * budget is edited on the page, within its floor and ceiling, and shown with what it has used.
     */
    @Test
    void aPausedSyncReadsAsAPauseAndTheBudgetIsEditedOnThePage() throws Exception {
        int id = Dvcs.linkPausedByBudget(admin, sim, "tideway").path("id").asInt();
        driver().get(server.baseUrl() + PAGE);
        card(id);
        String line = "#dvcs-account-" + id + " .sync-progress[data-state=PAUSED]";
        WebElement paused = browser().waiting().ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(line)));
        assertThat(paused.getText()).startsWith("Paused until ")
                .contains("(this account's budget of 60 requests/hour is spent)").contains("ETA about ")
                .doesNotContain("failed").doesNotContain("just now");
        assertThat(paused.getCssValue("color")).as("a pause is not shown in the error colour")
                .isNotEqualTo("rgba(174, 46, 36, 1)");
        assertThat(card(id).findElements(By.cssSelector(".sync-error"))).isEmpty();
        assertThat(card(id).findElement(By.cssSelector(".dvcs-account-sync")).getText())
                .startsWith("2 of 2 repositories synced").contains("paused until ").doesNotContain("failed");
        assertThat(card(id).findElement(By.cssSelector(".dvcs-budget-usage")).getText())
                .matches("Used \\d+ of 60 in the last hour");
        ((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView()", card(id));
        saveToDocs(browser().screenshot("accounts-paused"));

        WebElement budget = card(id).findElement(By.name("requestBudget"));
        assertThat(budget.getDomProperty("value")).isEqualTo("60");
        type(By.cssSelector("#dvcs-account-" + id + " input[name=requestBudget]"), "30");
        card(id).findElement(By.cssSelector("[data-action=save-budget]")).click();
        assertThat(((JavascriptExecutor) driver()).executeScript("return arguments[0].validity.valid", budget))
                .as("under the floor: the browser refuses it").isEqualTo(false);
        assertThat(Dvcs.account(admin, id).orElseThrow().path("requestBudget").path("perHour").asInt()).isEqualTo(60);

        type(By.cssSelector("#dvcs-account-" + id + " input[name=requestBudget]"), "120");
        card(id).findElement(By.cssSelector("[data-action=save-budget]")).click();
        assertThat(flash()).startsWith("Saved: 120 requests/hour for ");
        JsonNode saved = Dvcs.awaitAccount(admin, id, "the budget saved",
                a -> a.path("requestBudget").path("perHour").asInt() == 120).path("requestBudget");
        assertThat(saved.path("own").asBoolean()).isTrue();
        browser().waiting().ignoring(StaleElementReferenceException.class).until(d -> d.findElement(
                By.cssSelector("#dvcs-account-" + id + " .dvcs-budget-usage")).getText().endsWith("of 120 in the last hour"));
    }

    /** Into {@code docs/} (for the README) as well as target/screenshots. */
    private static void saveToDocs(java.nio.file.Path shot) throws java.io.IOException {
        java.nio.file.Path docs = java.nio.file.Path.of("docs");
        if (Files.isDirectory(docs)) {
            Files.copy(shot, docs.resolve(shot.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void linkingWithAPublicConsumerGoesThroughBitbucketsAuthorizePage() {
        sim.workspace("nebula", "stars", "dust");
        fillLinkForm("nebula", DEMO_PUBLIC, DEMO_PUBLIC_SECRET, true);
        driver().findElement(By.id("dvcs-link-submit")).click();

        browser().waiting().until(ExpectedConditions.urlContains(sim.baseUrl() + "/site/oauth2/authorize"));
        assertThat(driver().getCurrentUrl()).doesNotContain(DEMO_PUBLIC_SECRET);
        type(By.id("username"), "acme-admin");
        type(By.id("password"), "acme-admin");
        driver().findElement(By.id("grant")).click();

        browser().waiting().until(ExpectedConditions.urlToBe(server.baseUrl() + PAGE));
        assertThat(flash()).contains("Linked");
        int id = Dvcs.accountByWorkspace(admin, "nebula").orElseThrow().path("id").asInt();
        assertThat(authBadge(id)).isEqualTo("OAuth 2.0 · authorization code");
        awaitRepositoryRows(id, 2, AccountsBrowserIT::repositoryName);
    }

    @Test
    void denyingAccessOnBitbucketLinksNothing() {
        sim.workspace("denied", "nope");
        int before = Dvcs.accounts(admin).size();
        fillLinkForm("denied", DEMO_PUBLIC, DEMO_PUBLIC_SECRET, true);
        driver().findElement(By.id("dvcs-link-submit")).click();
        browser().waiting().until(ExpectedConditions.urlContains("/site/oauth2/authorize"));
        driver().findElement(By.id("deny")).click();

        browser().waiting().until(ExpectedConditions.urlToBe(server.baseUrl() + PAGE));
        assertThat(flash()).isEqualTo("Access was denied on Bitbucket, so nothing was linked.");
        assertThat(Dvcs.accountByWorkspace(admin, "denied")).isEmpty();
        assertThat(Dvcs.accounts(admin)).hasSize(before);
    }

    @Test
    void aReplayedCallbackIsRefusedAndChangesNothing() {
        sim.workspace("replayed", "one");
        fillLinkForm("replayed", DEMO_PUBLIC, DEMO_PUBLIC_SECRET, true);
        driver().findElement(By.id("dvcs-link-submit")).click();
        browser().waiting().until(ExpectedConditions.urlContains("/site/oauth2/authorize"));
        // Grant over HTTP with the browser's own authorize URL, to learn the callback URL Bitbucket sends back.
        String callback = Dvcs.authorize(sim, driver().getCurrentUrl(), true);
        driver().get(callback);
        browser().waiting().until(ExpectedConditions.urlToBe(server.baseUrl() + PAGE));
        assertThat(flash()).contains("Linked");
        JsonNode linked = Dvcs.accountByWorkspace(admin, "replayed").orElseThrow();
        int accounts = Dvcs.accounts(admin).size();

        driver().get(callback);
        browser().waiting().until(d -> d.getPageSource().contains("was used already"));
        assertThat(driver().getCurrentUrl()).isEqualTo(callback);
        assertThat(driver().getPageSource()).doesNotContain("Linked replayed");
        assertThat(Dvcs.accounts(admin)).hasSize(accounts);
        JsonNode after = Dvcs.accountByWorkspace(admin, "replayed").orElseThrow();
        assertThat(after.path("id")).isEqualTo(linked.path("id"));
        assertThat(after.path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void deletingFromTheDialogShowsDeletingThenRemovesTheCard() {
        sim.workspace("comet", "tail", "core");
        int id = Dvcs.linkPrivate(admin, "comet", DEMO_PRIVATE, DEMO_PRIVATE_SECRET).path("id").asInt();
        Dvcs.awaitDiscovered(admin, id);
        // Other tests' accounts still discovering would make the page reload itself under the clicks below.
        Dvcs.await("no account discovering or deleting", () -> Dvcs.accounts(admin).stream().noneMatch(a ->
                a.path("status").asText().equals("DELETING")
                        || List.of("QUEUED", "RUNNING").contains(a.path("discoveryState").asText()))
                ? Optional.of(true) : Optional.empty());
        driver().get(server.baseUrl() + PAGE);
        WebElement card = card(id);
        // The script adds the dialog once it has the accounts; a click before that follows the plain link instead.
        browser().waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("dvcs-delete-dialog")));
        // The delete leads to a reload; remember across it whether the page ever said "Deleting".
        ((JavascriptExecutor) driver()).executeScript(
                "sessionStorage.removeItem('sawDeleting');"
                + "new MutationObserver(() => { if (document.body.innerText.includes('Deleting'))"
                + " sessionStorage.setItem('sawDeleting', 'yes'); })"
                + ".observe(document.body, {subtree: true, childList: true, characterData: true});");
        card.findElement(By.cssSelector("details.dvcs-actions summary")).click();
        browser().waiting().until(ExpectedConditions.elementToBeClickable(
                card.findElement(By.cssSelector("a[data-action=delete]")))).click();

        WebElement dialog = browser().waiting().until(
                ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-delete-dialog")));
        assertThat(dialog.getText()).contains("comet").contains("2 repositories");
        assertThat(driver().getCurrentUrl()).as("the dialog, not the confirmation page").doesNotContain("action=delete");
        dialog.findElement(By.cssSelector("button.danger")).click();

        browser().waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("dvcs-account-" + id)));
        Object saw = ((JavascriptExecutor) driver()).executeScript(
                "return sessionStorage.getItem('sawDeleting') || (document.body.innerText.includes('Deleting') ? 'yes' : null);");
        assertThat(saw).as("the page said Deleting… before the card went").isEqualTo("yes");
        Dvcs.awaitGone(admin, id);
        driver().navigate().refresh();
        assertThat(driver().findElements(By.id("dvcs-account-" + id))).isEmpty();
    }

    @Test
    void migratingAnImportedAccountThroughTheFormKeepsItsRepositories() throws Exception {
        JsonNode legacy = Dvcs.accountByWorkspace(admin, "acme").orElseThrow();
        assertThat(legacy.path("authType").asText()).isEqualTo("OAUTH1_LEGACY");
        int id = legacy.path("id").asInt();
        Map<String, Integer> idsBefore = new HashMap<>();
        legacy.path("repositories").forEach(r -> idsBefore.put(r.path("slug").asText(), r.path("id").asInt()));

        driver().get(server.baseUrl() + PAGE);
        assertThat(authBadge(id)).isEqualTo("OAuth 1.0 · deprecated");
        browser().waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#dvcs-account-" + id + " .dvcs-banner.warning a")).click();
            return true;
        });
        browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-client-id")));
        assertThat(driver().getCurrentUrl()).contains("action=credentials").contains("id=" + id);
        type(By.id("dvcs-client-id"), DEMO_PRIVATE);
        type(By.id("dvcs-client-secret"), DEMO_PRIVATE_SECRET);
        driver().findElement(By.id("dvcs-consumer-private")).click();
        driver().findElement(By.id("dvcs-credentials-submit")).click();

        browser().waiting().until(ExpectedConditions.urlToBe(server.baseUrl() + PAGE));
        assertThat(flash()).contains("now uses OAuth 2.0");
        assertThat(authBadge(id)).isEqualTo("OAuth 2.0 · private consumer");
        Map<String, Integer> idsAfter = new HashMap<>();
        awaitRepositoryRows(id, 3, row -> Map.entry(repositoryName(row).toLowerCase().replace(" ", ""),
                Integer.parseInt(row.getDomAttribute("data-repository-id"))))
                .forEach(entry -> idsAfter.put(entry.getKey(), entry.getValue()));
        assertThat(idsAfter).containsEntry("api", idsBefore.get("api")).containsEntry("webapp", idsBefore.get("webapp"));
        browser().screenshot("accounts-migrated");
    }

    @Test
    void aFieldErrorIsShownNextToItsFieldAndTheSecretIsNotEchoed() {
        fillLinkForm("Not A Workspace", DEMO_PRIVATE, DEMO_PRIVATE_SECRET, false);
        driver().findElement(By.id("dvcs-link-submit")).click();

        WebElement error = browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error-workspace")));
        assertThat(error.getText()).contains("lowercase letters");
        WebElement field = driver().findElement(By.id("dvcs-workspace"));
        assertThat(error.findElement(By.xpath("..")).getDomAttribute("class")).contains("field");
        assertThat(field.findElement(By.xpath("..")).equals(error.findElement(By.xpath(".."))))
                .as("the error sits in the field's own block").isTrue();
        assertThat(field.getDomProperty("value")).isEqualTo("Not A Workspace");
        assertThat(driver().findElement(By.id("dvcs-client-id")).getDomProperty("value")).isEqualTo(DEMO_PRIVATE);
        assertThat(driver().findElement(By.id("dvcs-client-secret")).getDomProperty("value")).isEmpty();
        assertThat(driver().getPageSource()).doesNotContain(DEMO_PRIVATE_SECRET);

        // Bitbucket's refusal lands next to the secret, which is again not echoed.
        sim.workspace("typo", "one");
        type(By.id("dvcs-workspace"), "typo");
        type(By.id("dvcs-client-secret"), "demo-private-wrong-secret");
        driver().findElement(By.id("dvcs-link-submit")).click();
        WebElement secretError = browser().waiting().until(
                ExpectedConditions.visibilityOfElementLocated(By.id("error-clientSecret")));
        assertThat(secretError.getText()).contains("rejected");
        assertThat(driver().findElement(By.id("dvcs-client-secret")).getDomProperty("value")).isEmpty();
        assertThat(driver().getPageSource()).doesNotContain("demo-private-wrong-secret");
        assertThat(Dvcs.accountByWorkspace(admin, "typo")).isEmpty();
    }
}
