package org.dvcsconnector.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The mean pause between a connection's requests, in ms, read by the script; 0: none. */
    private static final String PAUSE_VARIABLE = "WRK_MEAN_PAUSE_MS";

    private final Path script;
    private final String baseUrl;

    /**
     * @param randomIssues when > 0, each request asks for the summary of a random issue 1..randomIssues
     * @param authorization the {@code Authorization} header
     */
    WrkClient(String baseUrl, String path, int randomIssues, String authorization) throws IOException {
        this.baseUrl = baseUrl;
        String request = randomIssues > 0
                ? "request = function()\n  return wrk.format(\"GET\", \"" + path + "\" .. math.random(1, " + randomIssues
                        + ") .. \"/summary\")\nend\n"
                : "wrk.path = \"" + path + "\"\n";
        script = Files.createTempFile("devinfo-wrk-", ".lua");
        Files.writeString(script, "wrk.headers[\"Authorization\"] = \"" + authorization + "\"\n"
                + "wrk.headers[\"Accept\"] = \"application/json\"\n" + request
                // Paced runs: each connection pauses a random 0..2x the mean between a response and its next request
                // (random, so the connections do not fire together); wrk times a request from when it is sent.
                + "local pause = tonumber(os.getenv(\"" + PAUSE_VARIABLE + "\") or \"0\")\n"
                + "if pause > 0 then\n"
                + "  delay = function() return math.random() * 2 * pause end\n"
                + "end\n"
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

    /** Each connection sends its next request as soon as it has the answer: the server's saturated throughput. */
    Round run(int connections, int seconds) throws IOException, InterruptedException {
        return run(connections, seconds, 0);
    }

    /**
     * With {@code rate} > 0 the connections together send about {@code rate} requests a second: each pauses
     * {@code connections / rate} on average after each answer. The served rate comes out a little lower (the pause
     * comes on top of the answer's time), which the round reports. wrk has no clock in Lua, so unlike the Java
     * client's pacing a slow answer delays the next request instead of being charged for it; at a fraction of the
     * saturated rate, where answers take a small part of the pause, that hides little.
     */
    Round run(int connections, int seconds, double rate) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout",
                "10s", "-s", script.toString(), baseUrl).redirectErrorStream(true);
        builder.environment().put(PAUSE_VARIABLE, rate > 0 ? Double.toString(connections * 1000.0 / rate) : "0");
        Process wrk = builder.start();
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
