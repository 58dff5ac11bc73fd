package org.dvcsconnector.bench;

import static org.dvcsconnector.bench.DevInfoBenchData.HOT_COMMITS;
import static org.dvcsconnector.bench.DevInfoBenchData.HOT_ISSUE;
import static org.dvcsconnector.bench.DevInfoBenchData.PROJECT;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.dvcsconnector.bench.JavaClients.Result;
import org.dvcsconnector.bench.LoadReport.Row;
import org.dvcsconnector.refapp.Refapp;
import org.dvcsconnector.refapp.RefappOptions;

/**
 * Load benchmark of the development panel's REST on PostgreSQL (bench/devinfo-load.sh). Starts an embedded
 * PostgreSQL and the refapp on it (so the plugin and the tracker create their schemas), stops the refapp,
 * bulk-loads repositories, commits, branches, pull requests and their issue links plus the tracker's issues with
 * COPY ({@link DevInfoBenchData}), starts the refapp again and lets N concurrent clients (HTTP Basic as alice) call,
 * one endpoint after the other: {@code /rest/api/2/myself} (the host's cheapest authenticated call, the baseline),
 * the summary of random issues, and the detail of the issue with 200 commits. Prints p50/p99/throughput and the
 * targets ({@link LoadReport}).
 *
 * <p>Options: {@code --repositories 100 --commits 1000000 --issues 100000 --clients 32 --seconds 20 --rounds 4
 * --warmup 5 --explain --client java|wrk|both --paced 0.1,0.25,0.5,0.75|none --bundle target/dvcs-connector-*.jar};
 * {@code --client} defaults to both when wrk is installed (see {@link WrkClient} for why); {@code --paced} measures each
 * client again at those fractions of each endpoint's saturated throughput ({@link #measurePaced}). Before
 * measuring it waits for the plugin to build its issue summary table from the COPY'd links, as after an upgrade.
 * Not a test: surefire and failsafe never run it.
 */
public final class DevInfoLoadBenchmark {

    /** The measured endpoints, in the order of every round: the baseline, the summary, the detail. */
    static final List<String> ENDPOINTS = List.of("GET /rest/api/2/myself", "GET /devinfo/{random issue}/summary",
            "GET /devinfo/" + HOT_ISSUE + " (200 commits)");

    private final int issues;
    private final int clients;
    private final int seconds;
    private final int warmup;
    private final int rounds;
    private final String bundle;
    private final boolean explain;
    private final String client;
    /** Fractions of the saturated throughput at which the clients measure again, paced. */
    private final List<Double> paced;
    private final DevInfoBenchData data;
    private final LoadReport report;

    private DevInfoLoadBenchmark(Args args) {
        int repositories = args.integer("--repositories", 100);
        int commits = args.integer("--commits", 1_000_000);
        issues = args.integer("--issues", 100_000);
        clients = args.integer("--clients", 32);
        seconds = args.integer("--seconds", 20);
        warmup = args.integer("--warmup", 5);
        rounds = args.integer("--rounds", 4);
        bundle = args.text("--bundle", null);
        explain = args.flag("--explain");
        client = args.text("--client", WrkClient.available() ? "both" : "java");
        String fractions = args.text("--paced", "0.1,0.25,0.5,0.75");
        paced = fractions.isBlank() || fractions.equals("none") ? List.of()
                : Arrays.stream(fractions.split(",")).map(String::trim).map(Double::valueOf).toList();
        if (paced.stream().anyMatch(f -> f <= 0 || f > 1)) {
            throw new IllegalArgumentException("--paced takes fractions in (0, 1], e.g. 0.25,0.5,0.75, or none");
        }
        if (!List.of("java", "wrk", "both").contains(client)) {
            throw new IllegalArgumentException("--client must be java, wrk or both");
        }
        data = new DevInfoBenchData(repositories, commits, issues);
        report = new LoadReport(clients);
    }

    public static void main(String[] argv) throws Exception {
        new DevInfoLoadBenchmark(new Args(argv)).run();
        System.exit(0); // the refapp's and the driver's non-daemon threads
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "DevInfo load benchmark: %s, %d clients, %d s per endpoint in %d alternating rounds"
                + " (after %d s warm-up), %d cores%n", data, clients, seconds, rounds, warmup,
                Runtime.getRuntime().availableProcessors());
        Path home = Files.createTempDirectory("devinfo-bench-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("shared_buffers", "1GB")
                .setServerConfig("max_connections", "100")
                .setServerConfig("max_wal_size", "2GB")
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            List<String> options = new ArrayList<>(List.of("--demo", "--port", "0", "--sim-port", "0", "--home",
                    home.toString(), "--db", url, "--db-user", "postgres", "--db-password", "postgres"));
            if (bundle != null) {
                options.addAll(List.of("--bundle", bundle));
            }
            RefappOptions refappOptions = RefappOptions.parse(options.toArray(String[]::new));
            long t0 = System.nanoTime();
            Refapp.start(refappOptions).close(); // creates every schema
            System.out.printf(Locale.ROOT, "schemas created in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                data.load(c);
            }
            System.out.printf(Locale.ROOT, "data loaded and analysed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            measureOn(url, refappOptions);
        } finally {
            deleteQuietly(home);
        }
    }

    /** Starts the refapp on the loaded database and measures it with the clients asked for. */
    private void measureOn(String url, RefappOptions refappOptions) throws Exception {
        long t0 = System.nanoTime();
        try (Refapp refapp = Refapp.start(refappOptions)) {
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                DevInfoBenchData.awaitSummaryTable(c);
            }
            System.out.printf(Locale.ROOT, "refapp started and issue summaries built in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
            List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
            refapp.activeObjects().setSqlListener(statements::add);
            String auth = basicAuthorization();
            measure(refapp.baseUrl(), auth, () -> refapp.activeObjects().setSqlListener(null));
            if (!client.equals("java")) {
                measureWithWrk(refapp.baseUrl(), auth);
            }
            report.pacedVerdicts();
            if (explain) {
                try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                    explain(c, statements);
                }
            }
        }
    }

    /** EXPLAIN ANALYZE of the plugin's statements of the sanity requests (the summary's and the detail's). */
    private static void explain(Connection c, List<String> statements) throws Exception {
        for (String sql : statements.stream().filter(q -> q.contains("ISSUE_LINK") || q.contains("ISSUE_SUMMARY")).distinct().toList()) {
            System.out.println();
            System.out.println(sql);
            try (PreparedStatement statement = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                    statement.setString(i, HOT_ISSUE);
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        System.out.println("  " + rs.getString(1));
                    }
                }
            }
        }
    }

    /**
     * HTTP Basic as alice on every request. The host checks it against a login cache (one SHA-256), while a session
     * would cost two more statements per request (the refapp keeps sessions in the database, for its cluster) and so
     * flatter the summary/myself ratio. Every two minutes the cached login expires and the requests of that moment wait
     * for one password check (PBKDF2, tens of ms), on every endpoint alike.
     */
    private static String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString("alice:alice".getBytes(StandardCharsets.UTF_8));
    }

    private void measure(String baseUrl, String auth, Runnable sanityDone) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String rest = baseUrl + "/rest/dvcs/1.0/devinfo/";
        // Sanity first: the numbers mean nothing if the answers are wrong.
        String hot = get(http, auth, rest + HOT_ISSUE + "/summary");
        String detail = get(http, auth, rest + HOT_ISSUE);
        if (!hot.contains("\"commits\":{\"count\":" + HOT_COMMITS + "}") || !detail.contains("\"repositories\"")) {
            throw new IllegalStateException("Unexpected answer for " + HOT_ISSUE + ": " + hot);
        }
        System.out.println("summary of " + HOT_ISSUE + ": " + hot);
        System.out.printf(Locale.ROOT, "detail of %s: %,d bytes%n", HOT_ISSUE, detail.length());
        sanityDone.run();
        if (client.equals("wrk")) {
            return;
        }

        JavaClients java = new JavaClients(http, auth, clients);
        List<Supplier<String>> urls = List.of(() -> baseUrl + "/rest/api/2/myself",
                () -> rest + PROJECT + "-" + (1 + ThreadLocalRandom.current().nextInt(issues)) + "/summary",
                () -> rest + HOT_ISSUE);
        List<Row> rows = new ArrayList<>();
        List<List<Result>> byEndpoint = alternate((e, length) -> java.run(ENDPOINTS.get(e), urls.get(e), length, 0));
        for (List<Result> endpointRounds : byEndpoint) {
            rows.add(row(Result.merge(endpointRounds)));
        }
        report.report("Java clients (" + clients + " threads, java.net.http):", rows);
        measurePaced(java, urls, rows);
    }

    private static Row row(Result r) {
        return new Row(r.name(), r.count(), r.throughput(), r.percentile(50), r.percentile(99), r.percentile(100), r.errors());
    }

    /**
     * The same clients, paced to fractions of each endpoint's saturated throughput just measured: the latency a
     * user sees when the server is busy but not flooded. Saturated, 32 clients with no pause between requests on a
     * machine of 2 cores queue behind each other, so there the mean latency is at least clients / throughput (Little's
     * law) whatever the code does; paced, the percentiles are what the code costs plus the queueing that load causes.
     */
    private void measurePaced(JavaClients java, List<Supplier<String>> urls, List<Row> saturated)
            throws InterruptedException {
        if (paced.isEmpty()) {
            return;
        }
        report.pacedHeader("Java clients (" + clients + " threads) paced to a fraction of each endpoint's saturated req/s;"
                + " latency from each request's due time:");
        int length = Math.max(1, seconds / rounds);
        for (int e = 0; e < ENDPOINTS.size(); e++) {
            for (double fraction : paced) {
                double rate = fraction * saturated.get(e).throughput();
                report.pacedRow("Java", e, fraction, rate, row(java.run(ENDPOINTS.get(e), urls.get(e), length, rate)));
            }
        }
    }

    /**
     * The same alternating rounds with wrk as the client ({@link WrkClient}): req/s over all rounds, p50 the median
     * of the rounds' p50, p99 and max the worst round's (wrk reports percentiles, not samples to merge).
     */
    private void measureWithWrk(String baseUrl, String auth) throws Exception {
        String rest = "/rest/dvcs/1.0/devinfo/";
        List<WrkClient> endpoints = List.of(new WrkClient(baseUrl, "/rest/api/2/myself", 0, auth),
                new WrkClient(baseUrl, rest + PROJECT + "-", issues, auth),
                new WrkClient(baseUrl, rest + HOT_ISSUE, 0, auth));
        List<List<WrkClient.Round>> byEndpoint = alternate((e, length) -> endpoints.get(e).run(clients, length));
        List<Row> rows = new ArrayList<>();
        for (int e = 0; e < ENDPOINTS.size(); e++) {
            rows.add(wrkRow(e, byEndpoint.get(e)));
        }
        report.report("wrk (" + clients + " connections, 1 thread):", rows);
        if (!paced.isEmpty()) {
            report.pacedHeader("wrk (" + clients + " connections) paced to a fraction of each endpoint's saturated req/s;"
                    + " latency from when each request is sent:");
            for (int e = 0; e < ENDPOINTS.size(); e++) {
                for (double fraction : paced) {
                    double rate = fraction * rows.get(e).throughput();
                    report.pacedRow("wrk", e, fraction, rate, wrkRow(e, List.of(endpoints.get(e).run(clients,
                            Math.max(1, seconds / rounds), rate))));
                }
            }
        }
        endpoints.forEach(WrkClient::delete);
    }

    /** wrk's rounds of one endpoint: req/s over all, the median round's p50, the worst round's p99 and max. */
    private static Row wrkRow(int endpoint, List<WrkClient.Round> rounds) {
        long requests = rounds.stream().mapToLong(WrkClient.Round::requests).sum();
        long[] p50s = rounds.stream().mapToLong(WrkClient.Round::p50Micros).sorted().toArray();
        return new Row(ENDPOINTS.get(endpoint), requests,
                requests / rounds.stream().mapToDouble(WrkClient.Round::seconds).sum(), p50s[p50s.length / 2] / 1e3,
                rounds.stream().mapToLong(WrkClient.Round::p99Micros).max().orElse(0) / 1e3,
                rounds.stream().mapToLong(WrkClient.Round::maxMicros).max().orElse(0) / 1e3,
                rounds.stream().mapToLong(WrkClient.Round::errors).sum());
    }

    @FunctionalInterface
    private interface Round<R> {
        R run(int endpoint, int seconds) throws Exception;
    }

    /**
     * The endpoints take turns in short rounds, so that the load of a shared machine drifting during the run weighs
     * on each of them alike; the first round of each is warm-up and is not kept.
     */
    private <R> List<List<R>> alternate(Round<R> round) throws Exception {
        List<List<R>> byEndpoint = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int n = 0; n <= rounds; n++) {
            for (int e = 0; e < ENDPOINTS.size(); e++) {
                R r = round.run(e, n == 0 ? warmup : Math.max(1, seconds / rounds));
                if (n > 0) {
                    byEndpoint.get(e).add(r);
                }
            }
        }
        return byEndpoint;
    }

    private static String get(HttpClient http, String auth, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a temp dir left behind is harmless
        }
    }

    /** {@code --name value} pairs. */
    private record Args(String[] argv) {
        String text(String name, String fallback) {
            for (int i = 0; i + 1 < argv.length; i++) {
                if (argv[i].equals(name)) {
                    return argv[i + 1];
                }
            }
            return fallback;
        }

        boolean flag(String name) {
            return Arrays.asList(argv).contains(name);
        }

        int integer(String name, int fallback) {
            return Integer.parseInt(text(name, Integer.toString(fallback)).replace("_", "").replace(",", ""));
        }
    }
}
