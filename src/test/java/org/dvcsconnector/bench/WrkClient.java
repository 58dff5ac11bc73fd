package org.dvcsconnector.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives one endpoint with wrk (C, epoll) instead of Java threads. The Java client spends about as much CPU per
 * request as the server does; on two shared cores that flattens the difference between endpoints, so a light
 * client is the fairer judge of a throughput ratio. wrk's Lua {@code done} hook prints one parseable line.
 */
final class WrkClient {

    /** One wrk run: totals and wrk's own latency percentiles (microseconds). */
    record Round(long requests, double seconds, long p50Micros, long p99Micros, long maxMicros, long errors) {
        double throughput() {
            return requests / seconds;
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "WRK requests=(\\d+) duration=(\\d+) p50=(\\d+) p99=(\\d+) max=(\\d+) errors=(\\d+)");

    private final Path script;
    private final String baseUrl;

    /** @param randomIssues when > 0, each request asks for the summary of a random issue 1..randomIssues */
    WrkClient(String baseUrl, String path, int randomIssues, String user) throws IOException {
        this.baseUrl = baseUrl;
        String auth = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        String request = randomIssues > 0
                ? "request = function()\n  return wrk.format(\"GET\", \"" + path + "\" .. math.random(1, " + randomIssues
                        + ") .. \"/summary\")\nend\n"
                : "wrk.path = \"" + path + "\"\n";
        script = Files.createTempFile("devinfo-wrk-", ".lua");
        Files.writeString(script, "wrk.headers[\"Authorization\"] = \"Basic " + auth + "\"\n"
                + "wrk.headers[\"Accept\"] = \"application/json\"\n" + request
                + "done = function(summary, latency, requests)\n"
                + "  local e = summary.errors\n"
                + "  io.write(string.format(\"WRK requests=%d duration=%d p50=%d p99=%d max=%d errors=%d\\n\",\n"
                + "    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,\n"
                + "    e.connect + e.read + e.write + e.status + e.timeout))\n"
                + "end\n");
    }

    static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() <= 1;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Round run(int connections, int seconds) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), baseUrl).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher m = LINE.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no result:\n" + output);
        }
        return new Round(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6, Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)));
    }

    void delete() {
        script.toFile().delete();
    }
}
