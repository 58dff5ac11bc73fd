package org.dvcsconnector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dvcsconnector.testing.Browser;
import org.dvcsconnector.testing.BrowserSession;
import org.dvcsconnector.testing.Dvcs;
import org.dvcsconnector.testing.Http;
import org.dvcsconnector.testing.RefappServer;
import org.dvcsconnector.testing.Sim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The issue view's Development panel in Chromium, over the demo workspace synced for real (simulator, sync,
 * webhooks): its numbers against the REST summary and the dialog's lists against the REST detail, hostile data
 * as inert text, keyboard use, who may see what, and the SQL statements per request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevInfoPanelBrowserIT {

    @RegisterExtension
    static final RefappServer server = RefappServer.demo();

    private static final String REST = Dvcs.REST + "/devinfo/";
    private static final String NOT_FOUND = "Issue does not exist or you do not have permission to see it.";
    private static final String HOOKS = "POST /2.0/repositories/{workspace}/{repo_slug}/hooks";
    private static final List<String> DEMO_ISSUES = List.of("DEMO-1", "DEMO-3", "DEMO-4", "DEMO-5", "DEMO-7",
            "DEMO-10", "DEMO-11", "DEMO-12");

    @RegisterExtension
    static final BrowserSession session = BrowserSession.keepingTheSession("");

    private static Sim sim;
    private static Http alice;

    private static Browser browser() {
        return session.browser();
    }

    @BeforeAll
    static void linkTheDemoWorkspaceAndWaitForItsSync() throws Exception {
        sim = Sim.of(server);
        alice = server.basic("alice", "alice");
        Http admin = server.admin();
        int account = Dvcs.linkPrivate(admin, "acme", Dvcs.DEMO_PRIVATE, Dvcs.DEMO_PRIVATE_SECRET).path("id").asInt();
        Dvcs.awaitAccount(admin, account, "every repository synced", a -> {
            List<String> states = new ArrayList<>();
            a.path("repositories").forEach(r -> states.add(r.path("syncState").asText()));
            return states.size() == 3 && states.stream().allMatch("DONE"::equals);
        });
        // Webhooks are registered right after each first sync; pushes before that would wait for a soft sync.
        Dvcs.await("webhooks of the three repositories", () -> sim.count(HOOKS) >= 3 ? Optional.of(true) : Optional.empty());
    }

    private WebDriver driver() {
        return browser().driver();
    }

    private void logIn(String user, String password) {
        browser().clearCookies();
        browser().logIn(server.baseUrl(), user, password);
    }

    private WebElement openIssue(String key) {
        driver().get(server.baseUrl() + "/browse/" + key);
        return browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-devinfo")));
    }

    /** The panel's count for a tab, 0 when its line is absent (the panel leaves zero counts out). */
    private int panelCount(WebElement panel, String tab) {
        List<WebElement> line = panel.findElements(By.id("dvcs-devinfo-" + tab));
        return line.isEmpty() ? 0 : Integer.parseInt(line.get(0).getAttribute("data-count"));
    }

    private WebElement openDialog(WebElement panel, String tab) {
        panel.findElement(By.id("dvcs-devinfo-" + tab)).click();
        WebElement dialog = browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("dvcs-devinfo-dialog")));
        browser().waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dvcs-devinfo-dialog [role=tablist]")));
        return dialog;
    }

    private List<String> texts(WebElement root, String css) {
        return root.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute("textContent")).toList();
    }

    @Test
    @Order(1)
    void thePanelShowsWhatTheRestSummaryAndDetailSay() throws Exception {
        logIn("alice", "alice");
        for (String key : DEMO_ISSUES) {
            JsonNode summary = alice.get(REST + key + "/summary").expect(200).json();
            JsonNode detail = alice.get(REST + key).expect(200).json();
            WebElement panel = openIssue(key);

            assertThat(panelCount(panel, "commits")).as(key + " commits").isEqualTo(summary.path("commits").path("count").asInt());
            assertThat(panelCount(panel, "branches")).as(key + " branches").isEqualTo(summary.path("branches").path("count").asInt());
            JsonNode prs = summary.path("pullRequests");
            assertThat(panelCount(panel, "pullrequests")).as(key + " pull requests").isEqualTo(prs.path("count").asInt());
            if (prs.path("count").asInt() == 1) {
                String state = prs.path("open").asInt() == 1 ? "OPEN" : prs.path("merged").asInt() == 1 ? "MERGED" : "DECLINED";
                assertThat(panel.findElement(By.id("dvcs-devinfo-pullrequests")).findElement(By.xpath(".."))
                        .getText()).as(key).contains("1 pull request").contains(state);
            }
            assertThat(panel.findElements(By.id("dvcs-devinfo-updated"))).as(key + " last updated").hasSize(1);
            if (summary.path("commits").path("count").asInt() + prs.path("count").asInt()
                    + summary.path("branches").path("count").asInt() == 0) {
                continue;
            }
            String tab = summary.path("commits").path("count").asInt() > 0 ? "commits"
                    : summary.path("branches").path("count").asInt() > 0 ? "branches" : "pullrequests";
            WebElement dialog = openDialog(panel, tab);
            assertThat(dialog.getAttribute("aria-modal")).isEqualTo("true");
            assertThat(texts(dialog, "#dvcs-tabpanel-commits .dvcs-commit .dvcs-hash")).as(key + " commit hashes")
                    .isEqualTo(listed(detail, "commits", "shortHash"));
            assertThat(texts(dialog, "#dvcs-tabpanel-branches .dvcs-branch-name")).as(key + " branches")
                    .isEqualTo(listed(detail, "branches", "name"));
            assertThat(texts(dialog, "#dvcs-tabpanel-pullrequests .dvcs-pr-title")).as(key + " pull requests")
                    .isEqualTo(prTitles(detail));
            keys().sendKeys(Keys.ESCAPE).perform();
            browser().waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("dvcs-devinfo-dialog")));
        }
        assertThat(browser().consoleErrors()).isEmpty();
    }

    private org.openqa.selenium.interactions.Actions keys() {
        return new org.openqa.selenium.interactions.Actions(driver());
    }

    private static List<String> listed(JsonNode detail, String section, String field) {
        List<String> values = new ArrayList<>();
        detail.path("repositories").forEach(r -> r.path(section).path("items").forEach(i -> values.add(i.path(field).asText())));
        return values;
    }

    private static List<String> prTitles(JsonNode detail) {
        List<String> values = new ArrayList<>();
        detail.path("repositories").forEach(r -> r.path("pullRequests").path("items")
                .forEach(p -> values.add("#" + p.path("id").asText() + " " + p.path("title").asText())));
        return values;
    }

    @Test
    @Order(2)
    void theDialogWorksByKeyboardAndScreenshotsAreSaved() throws Exception {
        logIn("alice", "alice");
        WebElement panel = openIssue("DEMO-3");
        saveScreenshot("devinfo-panel");
        WebElement opener = panel.findElement(By.id("dvcs-devinfo-commits"));
        ((JavascriptExecutor) driver()).executeScript("arguments[0].focus()", opener);
        keys().sendKeys(Keys.ENTER).perform();
        browser().waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dvcs-devinfo-dialog [role=tab]")));
        WebElement commitsTab = driver().findElement(By.id("dvcs-tab-commits"));
        assertThat(commitsTab.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(driver().switchTo().activeElement()).isEqualTo(commitsTab);
        saveScreenshot("devinfo-dialog");

        keys().sendKeys(Keys.ARROW_RIGHT).perform();
        WebElement branchesTab = driver().findElement(By.id("dvcs-tab-branches"));
        assertThat(branchesTab.getAttribute("aria-selected")).isEqualTo("true");
        assertThat(driver().switchTo().activeElement()).isEqualTo(branchesTab);
        assertThat(driver().findElement(By.id("dvcs-tabpanel-branches")).isDisplayed()).isTrue();
        assertThat(driver().findElement(By.id("dvcs-tabpanel-commits")).isDisplayed()).isFalse();
        keys().sendKeys(Keys.ARROW_LEFT).sendKeys(Keys.ARROW_LEFT).perform();
        assertThat(driver().findElement(By.id("dvcs-tab-pullrequests")).getAttribute("aria-selected")).isEqualTo("true");

        keys().sendKeys(Keys.ESCAPE).perform();
        browser().waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("dvcs-devinfo-dialog")));
        assertThat(driver().switchTo().activeElement().getAttribute("id")).isEqualTo("dvcs-devinfo-commits");
        assertThat(browser().consoleErrors()).isEmpty();
    }

    @Test
    @Order(3)
    void reviewersAndApprovalsShowAndAnApprovalArrivesWithinSeconds() throws Exception {
        JsonNode demo10 = alice.get(REST + "DEMO-10").expect(200).json().path("repositories").get(0)
                .path("pullRequests").path("items").get(0);
        assertThat(demo10.path("reviewers").get(0).path("name").asText()).isEqualTo("Alice Anders");
        assertThat(demo10.path("reviewers").get(0).path("approved").asBoolean()).isTrue();
        assertThat(demo10.path("approvals").asInt()).isEqualTo(1);

        JsonNode demo4 = alice.get(REST + "DEMO-4").expect(200).json().path("repositories").get(0)
                .path("pullRequests").path("items").get(0);
        assertThat(demo4.path("approvals").asInt()).isZero();
        long approved = System.nanoTime();
        sim.http().postJson("/_sim/workspaces/acme/repositories/webapp/pullrequests/" + demo4.path("id").asInt()
                + "/approve", Map.of("user", "alice")).expect(200);
        Dvcs.await("the approval in REST", Duration.ofSeconds(10), () -> {
            JsonNode pr = alice.get(REST + "DEMO-4").expect(200).json().path("repositories").get(0)
                    .path("pullRequests").path("items").get(0);
            return pr.path("approvals").asInt() == 1 ? Optional.of(pr) : Optional.empty();
        });
        assertThat(Duration.ofNanos(System.nanoTime() - approved).toSeconds()).isLessThan(10);

        logIn("alice", "alice");
        WebElement dialog = openDialog(openIssue("DEMO-4"), "pullrequests");
        assertThat(texts(dialog, "#dvcs-tabpanel-pullrequests .dvcs-reviewers")).containsExactly("Alice Anders (approved)");
        assertThat(texts(dialog, "#dvcs-tabpanel-pullrequests .dvcs-lozenge")).containsExactly("OPEN");
    }

    /** Into {@code docs/} (for the README) as well as target/screenshots. */
    private void saveScreenshot(String name) throws Exception {
        Path shot = browser().screenshot(name);
        Path docs = Path.of("docs");
        if (Files.isDirectory(docs)) {
            Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(4)
    void hostileCommitMessagesAndBranchNamesRenderAsInertTextAndAPushShowsWithinSeconds() throws Exception {
        String script = "<script>window.__xss = 1</script>";
        String img = "<img src=x onerror=\"window.__xss = 2\">";
        String branch = "DEMO-2-" + script + "\"quotes'";
        String message = "DEMO-2 " + script + " " + img + " \"double\" 'single' \u202Eevil RTL \u05e9\u05dc\u05d5\u05dd";
        String longLine = "DEMO-2 " + "A".repeat(10 * 1024);
        int before = alice.get(REST + "DEMO-2/summary").expect(200).json().path("commits").path("count").asInt();

        long pushed = System.nanoTime();
        sim.http().postJson("/_sim/workspaces/acme/repositories/webapp/branches", Map.of("name", branch, "from", "main")).expect(201);
        sim.http().postJson("/_sim/workspaces/acme/repositories/webapp/commits", Map.of("branch", branch, "message",
                message, "authorName", "Mallory <b>bold</b>", "authorEmail", "mallory@example.com")).expect(201);
        sim.http().postJson("/_sim/workspaces/acme/repositories/webapp/commits", Map.of("branch", branch, "message",
                longLine, "authorName", "Mallory", "authorEmail", "mallory@example.com")).expect(201);
        Dvcs.await("the pushes in the REST summary", Duration.ofSeconds(15), () -> {
            JsonNode s = alice.get(REST + "DEMO-2/summary").expect(200).json();
            return s.path("commits").path("count").asInt() == before + 2 && s.path("branches").path("count").asInt() >= 1
                    ? Optional.of(s) : Optional.empty();
        });
        long seconds = Duration.ofNanos(System.nanoTime() - pushed).toSeconds();
        assertThat(seconds).as("seconds from push to REST").isLessThan(15);

        logIn("alice", "alice");
        WebElement panel = openIssue("DEMO-2");
        assertThat(panelCount(panel, "commits")).isEqualTo(before + 2);
        WebElement dialog = openDialog(panel, "commits");
        List<String> messages = texts(dialog, "#dvcs-tabpanel-commits .dvcs-message");
        assertThat(messages).contains(message);
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("DEMO-2 AAAA").hasSize(1001));
        assertThat(texts(dialog, "#dvcs-tabpanel-commits .dvcs-author")).anySatisfy(a -> assertThat(a).contains("Mallory <b>bold</b>"));
        assertThat(texts(dialog, "#dvcs-tabpanel-branches .dvcs-branch-name")).contains(branch);
        driver().findElement(By.id("dvcs-tab-branches")).click();
        assertThat(dialog.findElement(By.id("dvcs-tabpanel-branches")).getText()).contains(branch);

        assertThat(dialog.findElements(By.tagName("script"))).isEmpty();
        assertThat(dialog.findElements(By.cssSelector("img[src='x'], b"))).isEmpty();
        assertThat(((JavascriptExecutor) driver()).executeScript("return window.__xss === undefined")).isEqualTo(true);
        assertThat(noAlert()).isTrue();
        for (WebElement a : dialog.findElements(By.tagName("a"))) {
            assertThat(a.getAttribute("href")).startsWith("http");
        }
        assertThat(browser().consoleErrors()).isEmpty();
    }

    private boolean noAlert() {
        try {
            driver().switchTo().alert();
            return false;
        } catch (NoAlertPresentException e) {
            return true;
        }
    }

    @Test
    @Order(5)
    void onlyThoseWhoMayBrowseTheIssueGetAnAnswer() throws Exception {
        for (String path : List.of("OPS-1/summary", "OPS-1")) {
            Http.Response forbidden = alice.get(REST + path);
            Http.Response missing = alice.get(REST + path.replace("OPS-1", "NOPE-404"));
            assertThat(forbidden.status()).as(path).isEqualTo(404);
            assertThat(forbidden.body()).isEqualTo(missing.body()).contains(NOT_FOUND);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(server.anonymous().get(REST + path).status()).isEqualTo(401);
            assertThat(server.anonymous().get(REST + "DEMO-1").status()).isEqualTo(401);
        }
        assertThat(server.admin().get(REST + "OPS-1/summary").status()).isEqualTo(200);

        logIn("alice", "alice");
        driver().get(server.baseUrl() + "/browse/OPS-1");
        assertThat(driver().findElements(By.id("dvcs-devinfo"))).isEmpty();
    }

    @Test
    @Order(6)
    void statementsPerRequestStayTheSameWhateverTheIssueSpans() throws Exception {
        // DEMO-12 is one commit in one repository; DEMO-1 gets commits in all three. (One push a repository:
        // pushes racing a running sync of the same repository may wait for the next sync, see the issue note.)
        for (String slug : List.of("api", "infra")) {
            sim.http().postJson("/_sim/workspaces/acme/repositories/" + slug + "/commits", Map.of("branch", "main",
                    "message", "DEMO-1 more work in " + slug, "authorName", "Bob", "authorEmail", "bob@example.com")).expect(201);
        }
        Dvcs.await("DEMO-1 in three repositories", () -> {
            JsonNode d = alice.get(REST + "DEMO-1").expect(200).json();
            int apiAndInfra = 0;
            for (JsonNode r : d.path("repositories")) {
                apiAndInfra += r.path("name").asText().equals("webapp") ? 0 : r.path("commits").path("total").asInt();
            }
            return apiAndInfra == 2 ? Optional.of(d) : Optional.empty();
        });

        assertThat(statements(REST + "DEMO-12/summary")).isEqualTo(1).isEqualTo(statements(REST + "DEMO-1/summary"));
        assertThat(statements(REST + "DEMO-12")).isEqualTo(3).isEqualTo(statements(REST + "DEMO-1"));
    }

    @Test
    @Order(7)
    void whenTheDetailCannotBeLoadedTheDialogSaysSoAndTryAgainLoadsIt() throws Exception {
        logIn("alice", "alice");
        WebElement panel = openIssue("DEMO-3");
        // The session ends between the page and the click (expired, or logged out in another tab): the REST answers 401.
        java.util.Set<org.openqa.selenium.Cookie> session = driver().manage().getCookies();
        driver().manage().deleteAllCookies();
        panel.findElement(By.id("dvcs-devinfo-commits")).click();
        WebElement alert = browser().waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#dvcs-devinfo-dialog .dvcs-devinfo-error[role=alert]")));
        assertThat(alert.getText()).startsWith("The development information could not be loaded.");
        WebElement retry = driver().findElement(By.id("dvcs-devinfo-retry"));
        assertThat(retry.getText()).isEqualTo("Try again");
        assertThat(driver().switchTo().activeElement()).isEqualTo(retry);
        assertThat(driver().findElement(By.id("dvcs-devinfo-body")).getAttribute("aria-busy")).isNull();

        session.forEach(driver().manage()::addCookie); // logged in again
        keys().sendKeys(Keys.ENTER).perform();
        browser().waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dvcs-devinfo-dialog [role=tablist]")));
        WebElement dialog = driver().findElement(By.id("dvcs-devinfo-dialog"));
        assertThat(driver().findElements(By.cssSelector("#dvcs-devinfo-dialog .dvcs-devinfo-error"))).isEmpty();
        assertThat(texts(dialog, "#dvcs-tabpanel-commits .dvcs-commit .dvcs-hash")).isNotEmpty()
                .isEqualTo(listed(alice.get(REST + "DEMO-3").expect(200).json(), "commits", "shortHash"));
    }

    /** The plugin's statements during one request: those of the web server's threads, not of background jobs. */
    private int statements(String path) {
        List<String> seen = new CopyOnWriteArrayList<>();
        server.refapp().activeObjects().setSqlListener(sql -> {
            if (Thread.currentThread().getName().startsWith("qtp")) {
                seen.add(sql);
            }
        });
        try {
            alice.get(path).expect(200);
        } finally {
            server.refapp().activeObjects().setSqlListener(null);
        }
        return seen.size();
    }
}
