package org.dvcsconnector.refapp.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator as a Bitbucket client nobody here wrote sees it: bitbucket.js (pinned in
 * {@code src/test/contract/package.json}, installed by the build with {@code npm ci}) runs its
 * {@code node --test} suite against a simulator seeded with the demo. Every test of that suite must pass.
 */
class BitbucketJsContractTest {

    static final Path SUITE = Path.of("src/test/contract");
    private static final Pattern SUMMARY = Pattern.compile("(?m)^# (pass|fail|cancelled|skipped|todo) (\\d+)$");

    private static SimClient client;

    @BeforeAll
    static void start() {
        client = new SimClient();
        // A private consumer of the demo's admin that may also write tags (the demo's consumers only read them).
        client.control("POST", "/_sim/consumers", "{\"key\":\"contract\",\"secret\":\"contract-secret\","
                + "\"private\":true,\"scopes\":[\"account\",\"repository\",\"repository:write\",\"pullrequest\","
                + "\"webhook\"]}");
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void everyCallOfTheClientSuitePassesAgainstTheSimulator() throws Exception {
        assertThat(SUITE.resolve("node_modules/bitbucket/package.json"))
                .as("bitbucket.js is installed by the build (npm ci in %s); run mvn test, not the class alone", SUITE)
                .exists();
        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=tap", "bitbucket-js.test.js")
                .directory(SUITE.toFile()).redirectErrorStream(true);
        node.environment().put("SIM_URL", client.sim.baseUrl());
        node.environment().put("SIM_WORKSPACE", "acme");
        node.environment().put("SIM_REPOSITORY", "webapp");
        node.environment().put("SIM_CLIENT_ID", "contract");
        node.environment().put("SIM_CLIENT_SECRET", "contract-secret");
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("node finished").isTrue();
        System.out.println(summary(output));

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(count(output, "fail")).as(output).isZero();
        assertThat(count(output, "pass")).as(output).isEqualTo(declaredTests());
    }

    /** How many {@code test(…)} the suite declares: a test that silently did not run fails the check above. */
    private static int declaredTests() throws IOException {
        Matcher m = Pattern.compile("(?m)^test\\(").matcher(Files.readString(SUITE.resolve("bitbucket-js.test.js")));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int count(String tap, String what) {
        Matcher m = SUMMARY.matcher(tap);
        while (m.find()) {
            if (m.group(1).equals(what)) {
                return Integer.parseInt(m.group(2));
            }
        }
        return -1;
    }

    private static String summary(String tap) {
        StringBuilder lines = new StringBuilder("bitbucket.js against the simulator:\n");
        tap.lines().filter(l -> l.startsWith("ok ") || l.startsWith("not ok ") || l.startsWith("# pass")
                || l.startsWith("# fail")).forEach(l -> lines.append("  ").append(l).append('\n'));
        return lines.toString();
    }
}
