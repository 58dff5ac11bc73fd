package org.dvcsconnector.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.dvcsconnector.refapp.Refapp;
import org.dvcsconnector.refapp.RefappOptions;
import org.dvcsconnector.refapp.ao.TablePrefixes;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Load benchmark of the development panel's REST on PostgreSQL (bench/devinfo-load.sh). Starts an embedded
 * PostgreSQL and the refapp on it (so the plugin and the tracker create their schemas), stops the refapp,
 * bulk-loads repositories, commits, branches, pull requests and their issue links plus the tracker's issues with
 * COPY, starts the refapp again and lets N concurrent clients (HTTP Basic as alice) call, one endpoint after the
 * other: {@code /rest/api/2/myself} (the host's cheapest authenticated call, the baseline), the summary of
 * random issues, and the detail of the issue with 200 commits. Prints p50/p99/throughput and the targets.
 *
 * <p>Options: {@code --repositories 100 --commits 1000000 --issues 100000 --clients 32 --seconds 20 --rounds 4
 * --warmup 5 --explain --client java|wrk|both --paced 0.1,0.25,0.5,0.75|none --bundle target/dvcs-connector-*.jar};
 * {@code --client} defaults to both when wrk is installed (see {@link WrkClient} for why); {@code --paced} measures each
 * client again at those fractions of each endpoint's saturated throughput ({@link #measurePaced}). Before
 * measuring it waits for the plugin to build its issue summary table from the COPY'd links, as after an upgrade.
 * Not a test: surefire and failsafe never run it.
 */
public final class DevInfoLoadBenchmark {

    static final String PROJECT = "BENCH";
    static final String HOT_ISSUE = PROJECT + "-1";
    /** The plugin setting that says the issue summary table is complete (SummaryTableReadiness). */
    static final String SUMMARY_TABLE_SETTING = "devinfo.summaryTable";
    static final int HOT_COMMITS = 200;
    static final int BRANCHES_PER_REPOSITORY = 20;
    static final int PULL_REQUESTS_PER_REPOSITORY = 50;
    /** The measured endpoints, in the order of every round: the baseline, the summary, the detail. */
    static final List<String> ENDPOINTS = List.of("GET /rest/api/2/myself", "GET /devinfo/{random issue}/summary",
            "GET /devinfo/" + HOT_ISSUE + " (200 commits)");

    private final int repositories;
    private final int commits;
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
    private final List<String> pacedVerdicts = new ArrayList<>();

    private DevInfoLoadBenchmark(Args args) {
        repositories = args.integer("--repositories", 100);
        commits = args.integer("--commits", 1_000_000);
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
        if (commits % repositories != 0 || commits / repositories < HOT_COMMITS / repositories + 1 || issues < 10) {
            throw new IllegalArgumentException("commits must be a multiple of repositories, and issues at least 10");
        }
    }

    public static void main(String[] argv) throws Exception {
        new DevInfoLoadBenchmark(new Args(argv)).run();
        System.exit(0); // the refapp's and the driver's non-daemon threads
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "DevInfo load benchmark: %,d commits in %d repositories, %,d issues, %d clients,"
                + " %d s per endpoint in %d alternating rounds (after %d s warm-up), %d cores%n", commits, repositories, issues,
                clients, seconds, rounds, warmup, Runtime.getRuntime().availableProcessors());
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
            long t0 = System.nanoTime();
            Refapp.start(RefappOptions.parse(options.toArray(String[]::new))).close(); // creates every schema
            System.out.printf(Locale.ROOT, "schemas created in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                load(c);
            }
            System.out.printf(Locale.ROOT, "data loaded and analysed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            try (Refapp refapp = Refapp.start(RefappOptions.parse(options.toArray(String[]::new)))) {
                try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                    awaitSummaryTable(c);
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
                if (!pacedVerdicts.isEmpty()) {
                    System.out.println();
                    System.out.println("Latency at " + clients + " concurrent clients, paced:");
                    pacedVerdicts.forEach(System.out::println);
                }
                if (explain) {
                    try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
                        explain(c, statements);
                    }
                }
            }
        } finally {
            deleteQuietly(home);
        }
    }

    // ---- data

    private void load(Connection c) throws Exception {
        String prefix = TablePrefixes.forPluginKey("org.dvcsconnector.dvcs-connector");
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long now = System.currentTimeMillis();
        long projectId;
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO REFAPP_PROJECT (PROJECT_KEY, NAME, BROWSE, ISSUE_COUNTER, CREATED) VALUES ('" + PROJECT
                    + "', 'Benchmark', 'users', " + issues + ", now())");
            try (ResultSet rs = s.executeQuery("SELECT ID FROM REFAPP_PROJECT WHERE PROJECT_KEY = '" + PROJECT + "'")) {
                rs.next();
                projectId = rs.getLong(1);
            }
        }
        copy.copyIn("COPY REFAPP_ISSUE (PROJECT_ID, ISSUE_NUMBER, ISSUE_KEY, SUMMARY, STATUS, REPORTER, CREATED, UPDATED)"
                + " FROM STDIN", rows(issues, i -> projectId + "\t" + (i + 1) + "\t" + PROJECT + "-" + (i + 1)
                        + "\tBenchmark issue " + (i + 1) + "\tTo Do\tadmin\t2026-01-01 00:00:00+00\t2026-01-01 00:00:00+00\n"));

        String account = table(prefix, "ACCOUNT");
        String repository = table(prefix, "REPOSITORY");
        int accountId;
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + account + " (\"HOST\", \"WORKSPACE\", \"WORKSPACE_NAME\", \"AUTH_TYPE\", \"STATUS\","
                    + " \"AUTO_LINK\", \"SMART_COMMITS\") VALUES ('bitbucket-cloud', 'bench', 'Bench', 'OAUTH2_PRIVATE_CONSUMER',"
                    + " 'NEEDS_REAUTHORISATION', FALSE, FALSE)");
            try (ResultSet rs = s.executeQuery("SELECT MAX(\"ID\") FROM " + account)) {
                rs.next();
                accountId = rs.getInt(1);
            }
        }
        int[] repositoryIds = new int[repositories];
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + repository + " (\"ACCOUNT_ID\", \"SLUG\","
                + " \"NAME\", \"LINKED\", \"SMART_COMMITS\", \"DELETED\") VALUES (?, ?, ?, TRUE, FALSE, FALSE)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (int r = 0; r < repositories; r++) {
                insert.setInt(1, accountId);
                insert.setString(2, "repo-" + r);
                insert.setString(3, "Repository " + r);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    repositoryIds[r] = keys.getInt("ID");
                }
            }
        }
        int perRepository = commits / repositories;
        int hotStride = commits / HOT_COMMITS; // every hotStride-th commit mentions the hot issue: 200 in all
        copy.copyIn("COPY " + table(prefix, "COMMIT") + " (\"REPOSITORY_ID\", \"HASH\", \"MESSAGE\", \"AUTHOR_NAME\","
                + " \"AUTHOR_EMAIL\", \"COMMITTED_AT\", \"PARENT_HASHES\", \"MERGE\") FROM STDIN", rows(commits, g -> {
                    int r = g / perRepository;
                    return repositoryIds[r] + "\t" + hash(r, g) + "\t" + issueOf(g, hotStride) + " change " + g
                            + "\tAuthor " + (g % 50) + "\tauthor" + (g % 50) + "@example.com\t" + (now - (commits - g) * 1000L)
                            + "\t" + hash(r, g - 1) + "\tf\n";
                }));
        copy.copyIn("COPY " + table(prefix, "ISSUE_LINK") + " (\"ISSUE_KEY\", \"PROJECT_KEY\", \"REPOSITORY_ID\", \"KIND\","
                + " \"TARGET\", \"CREATED_AT\") FROM STDIN", rows(commits, g -> issueOf(g, hotStride) + "\t" + PROJECT + "\t"
                        + repositoryIds[g / perRepository] + "\tCOMMIT\t" + hash(g / perRepository, g) + "\t" + now + "\n"));
        int branches = repositories * BRANCHES_PER_REPOSITORY;
        copy.copyIn("COPY " + table(prefix, "BRANCH") + " (\"REPOSITORY_ID\", \"NAME\", \"HEAD_HASH\") FROM STDIN",
                rows(branches, b -> {
                    int r = b / BRANCHES_PER_REPOSITORY;
                    return repositoryIds[r] + "\tfeature/" + branchIssue(b) + "-" + b + "\t" + hash(r, r * perRepository + b % perRepository) + "\n";
                }));
        copy.copyIn("COPY " + table(prefix, "ISSUE_LINK") + " (\"ISSUE_KEY\", \"PROJECT_KEY\", \"REPOSITORY_ID\", \"KIND\","
                + " \"TARGET\", \"CREATED_AT\") FROM STDIN", rows(branches, b -> branchIssue(b) + "\t" + PROJECT + "\t"
                        + repositoryIds[b / BRANCHES_PER_REPOSITORY] + "\tBRANCH\tfeature/" + branchIssue(b) + "-" + b + "\t" + now + "\n"));
        int pullRequests = repositories * PULL_REQUESTS_PER_REPOSITORY;
        String[] states = {"OPEN", "MERGED", "DECLINED"};
        copy.copyIn("COPY " + table(prefix, "PULL_REQUEST") + " (\"REPOSITORY_ID\", \"REMOTE_ID\", \"TITLE\", \"STATE\","
                + " \"SOURCE_BRANCH\", \"DESTINATION_BRANCH\", \"AUTHOR_NAME\", \"UPDATED_ON\", \"COMMENT_COUNT\", \"URL\","
                + " \"PARTICIPANTS\") FROM STDIN", rows(pullRequests, p -> {
                    int r = p / PULL_REQUESTS_PER_REPOSITORY;
                    return repositoryIds[r] + "\t" + (p % PULL_REQUESTS_PER_REPOSITORY + 1) + "\t" + pullRequestIssue(p)
                            + " pull request\t" + states[p % 3] + "\tfeature/" + p + "\tmain\tAuthor " + (p % 50) + "\t"
                            + (now - p * 1000L) + "\t" + (p % 7) + "\thttps://bitbucket.org/bench/repo-" + r + "/pull-requests/"
                            + (p % PULL_REQUESTS_PER_REPOSITORY + 1)
                            + "\t[{\"name\":\"Reviewer\",\"avatarUrl\":null,\"role\":\"REVIEWER\",\"approved\":true}]\n";
                }));
        copy.copyIn("COPY " + table(prefix, "ISSUE_LINK") + " (\"ISSUE_KEY\", \"PROJECT_KEY\", \"REPOSITORY_ID\", \"KIND\","
                + " \"TARGET\", \"CREATED_AT\") FROM STDIN", rows(pullRequests, p -> pullRequestIssue(p) + "\t" + PROJECT
                        + "\t" + repositoryIds[p / PULL_REQUESTS_PER_REPOSITORY] + "\tPULL_REQUEST\t"
                        + (p % PULL_REQUESTS_PER_REPOSITORY + 1) + "\t" + now + "\n"));
        try (Statement s = c.createStatement()) {
            // Rows COPY'd in behind the plugin's back are what an upgrade from a version without the summary table
            // finds: the plugin builds the table at its next start (SummaryBackfill), which this run waits for.
            s.execute("DELETE FROM REFAPP_PLUGIN_SETTINGS WHERE SETTING_KEY = '" + SUMMARY_TABLE_SETTING + "'");
            s.execute("VACUUM ANALYZE");
        }
    }

    /** Waits until the plugin has built the issue summary table from the loaded links, then analyses it. */
    private static void awaitSummaryTable(Connection c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (PreparedStatement ready = c.prepareStatement("SELECT COUNT(*) FROM REFAPP_PLUGIN_SETTINGS WHERE SETTING_KEY = ?")) {
            ready.setString(1, SUMMARY_TABLE_SETTING);
            while (true) {
                try (ResultSet rs = ready.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The issue summary table was not built within 10 minutes");
                }
                Thread.sleep(200);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
        }
    }

    /** The issue commit {@code g} mentions: the hot one every {@code hotStride} commits, else spread over the rest. */
    private String issueOf(int g, int hotStride) {
        return PROJECT + "-" + (g % hotStride == 0 ? 1 : 2 + g % (issues - 1));
    }

    /** Five branches of the hot issue, the others spread. */
    private String branchIssue(int b) {
        return PROJECT + "-" + (b < 5 ? 1 : 2 + (b * 7919) % (issues - 1));
    }

    /** Three pull requests of the hot issue (one in each state), the others spread. */
    private String pullRequestIssue(int p) {
        return PROJECT + "-" + (p < 3 ? 1 : 2 + (p * 104729) % (issues - 1));
    }

    private static String hash(int repository, int commit) {
        return String.format(Locale.ROOT, "%08x%032x", repository, Math.max(commit, 0));
    }

    private static String table(String prefix, String name) {
        return "public.\"" + prefix + name + "\"";
    }

    /** COPY input made row by row, in chunks: a million rows never sit in memory at once. */
    private static Reader rows(int count, IntFunction<String> row) {
        return new Reader() {
            private int next;
            private String chunk = "";
            private int at;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (at == chunk.length()) {
                    if (next == count) {
                        return -1;
                    }
                    StringBuilder sb = new StringBuilder(64 * 1024);
                    while (next < count && sb.length() < 60 * 1024) {
                        sb.append(row.apply(next++));
                    }
                    chunk = sb.toString();
                    at = 0;
                }
                int n = Math.min(length, chunk.length() - at);
                chunk.getChars(at, at + n, buffer, offset);
                at += n;
                return n;
            }

            @Override
            public void close() {}
        };
    }

    // ---- load

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

        List<java.util.function.Supplier<String>> urls = List.of(() -> baseUrl + "/rest/api/2/myself",
                () -> rest + PROJECT + "-" + (1 + ThreadLocalRandom.current().nextInt(issues)) + "/summary",
                () -> rest + HOT_ISSUE);
        List<Row> rows = new ArrayList<>();
        List<List<Result>> byEndpoint = alternate((e, length) -> run(http, auth, ENDPOINTS.get(e), urls.get(e), length));
        for (List<Result> rounds : byEndpoint) {
            Result r = Result.merge(rounds);
            rows.add(new Row(r.name, r.count, r.throughput(), r.percentile(50), r.percentile(99), r.percentile(100), r.errors));
        }
        report("Java clients (" + clients + " threads, java.net.http):", rows);
        measurePaced(http, auth, urls, rows);
    }

    /**
     * The same clients, paced to fractions of each endpoint's saturated throughput just measured: the latency a
     * user sees when the server is busy but not flooded. Saturated, 32 clients with no pause between requests on a
     * machine of 2 cores queue behind each other, so there the mean latency is at least clients / throughput (Little's
     * law) whatever the code does; paced, the percentiles are what the code costs plus the queueing that load causes.
     */
    private void measurePaced(HttpClient http, String auth, List<java.util.function.Supplier<String>> urls, List<Row> saturated)
            throws InterruptedException {
        if (paced.isEmpty()) {
            return;
        }
        pacedHeader("Java clients (" + clients + " threads) paced to a fraction of each endpoint's saturated req/s;"
                + " latency from each request's due time:");
        int length = Math.max(1, seconds / rounds);
        for (int e = 0; e < ENDPOINTS.size(); e++) {
            for (double fraction : paced) {
                double rate = fraction * saturated.get(e).throughput();
                Result r = run(http, auth, ENDPOINTS.get(e), urls.get(e), length, rate);
                pacedRow("Java", e, fraction, rate, new Row(ENDPOINTS.get(e), r.count(), r.throughput(), r.percentile(50),
                        r.percentile(99), r.percentile(100), r.errors()));
            }
        }
    }

    private void pacedHeader(String title) {
        System.out.println();
        System.out.println(title);
        System.out.printf(Locale.ROOT, "%-42s %8s %10s %10s %9s %9s %9s %7s%n", "endpoint", "fraction", "offered/s",
                "served/s", "p50 ms", "p99 ms", "max ms", "errors");
    }

    /** Prints one paced measurement and keeps the verdict of the endpoints with a latency target. */
    private void pacedRow(String clientName, int e, double fraction, double offered, Row r) {
        System.out.printf(Locale.ROOT, "%-42s %8.2f %10.0f %10.0f %9.2f %9.2f %9.2f %7d%n", r.name(), fraction, offered,
                r.throughput(), r.p50(), r.p99(), r.max(), r.errors());
        if (e > 0) {
            double target = e == 1 ? 10 : 50;
            pacedVerdicts.add(String.format(Locale.ROOT, "%s: %s p99 at %.0f req/s (%.0f%% of saturated): %.2f ms"
                    + " (target <= %.0f): %s", clientName, e == 1 ? "summary" : "detail", r.throughput(), fraction * 100,
                    r.p99(), target, verdict(r.p99() <= target)));
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
        report("wrk (" + clients + " connections, 1 thread):", rows);
        if (!paced.isEmpty()) {
            pacedHeader("wrk (" + clients + " connections) paced to a fraction of each endpoint's saturated req/s;"
                    + " latency from when each request is sent:");
            for (int e = 0; e < ENDPOINTS.size(); e++) {
                for (double fraction : paced) {
                    double rate = fraction * rows.get(e).throughput();
                    pacedRow("wrk", e, fraction, rate, wrkRow(e, List.of(endpoints.get(e).run(clients,
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

    /** One measurement of an endpoint, in milliseconds. */
    private record Row(String name, long requests, double throughput, double p50, double p99, double max, long errors) {}

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

    private void report(String title, List<Row> rows) {
        System.out.println();
        System.out.println(title);
        System.out.printf(Locale.ROOT, "%-42s %10s %10s %9s %9s %9s %7s%n", "endpoint (" + clients + " clients)", "requests",
                "req/s", "p50 ms", "p99 ms", "max ms", "errors");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-42s %,10d %10.0f %9.2f %9.2f %9.2f %7d%n", r.name(), r.requests(),
                    r.throughput(), r.p50(), r.p99(), r.max(), r.errors());
        }
        verdicts(rows.get(1).p99(), rows.get(2).p99(), rows.get(1).throughput() / rows.get(0).throughput());
    }

    private static void verdicts(double summaryP99, double detailP99, double ratio) {
        System.out.println();
        System.out.printf(Locale.ROOT, "summary p99 %.2f ms (target <= 10): %s%n", summaryP99, verdict(summaryP99 <= 10));
        System.out.printf(Locale.ROOT, "detail p99 %.2f ms (target <= 50): %s%n", detailP99, verdict(detailP99 <= 50));
        System.out.printf(Locale.ROOT, "summary/myself throughput %.2f (target >= 0.5): %s%n", ratio, verdict(ratio >= 0.5));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String get(HttpClient http, String auth, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** {@link #clients} threads call {@code url} back to back for {@code length} seconds. */
    private Result run(HttpClient http, String auth, String name, java.util.function.Supplier<String> url, int length)
            throws InterruptedException {
        return run(http, auth, name, url, length, 0);
    }

    /**
     * {@link #clients} threads call {@code url} for {@code length} seconds: back to back when {@code rate} is 0, else
     * paced so that together they start {@code rate} requests a second, each thread on its own fixed schedule. A paced
     * request's latency counts from when it was due, not from when a thread got round to it, so a server falling
     * behind shows in the percentiles instead of slowing the clients down (no coordinated omission).
     */
    private Result run(HttpClient http, String auth, String name, java.util.function.Supplier<String> url, int length,
            double rate) throws InterruptedException {
        long warmEnd = System.nanoTime();
        long end = warmEnd + length * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int t = 0; t < clients; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                double every = rate > 0 ? clients * 1e9 / rate : 0; // this thread's interval, in ns
                long k = 0;
                try {
                    while (true) {
                        long start = System.nanoTime();
                        if (rate > 0) {
                            long due = warmEnd + (long) ((k++ + (double) id / clients) * every);
                            if (due > start) {
                                java.util.concurrent.locks.LockSupport.parkNanos(due - start);
                            }
                            start = due;
                        }
                        if (start >= end) {
                            break;
                        }
                        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url.get()))
                                .header("Authorization", auth).header("Accept", "application/json").build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        long stop = System.nanoTime();
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                        if (start >= warmEnd) {
                            if (n == mine.length) {
                                mine = Arrays.copyOf(mine, n * 2);
                            }
                            mine[n++] = stop - start;
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    errors.incrementAndGet();
                } finally {
                    latencies[id] = mine;
                    counts[id] = n;
                    done.countDown();
                }
            }, "bench-client-" + t);
            thread.start();
        }
        done.await();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < clients; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Result(name, all, total, length, errors.get());
    }

    private record Result(String name, long[] sorted, int count, int seconds, int errors) {
        static Result merge(List<Result> rounds) {
            long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.sorted)).sorted().toArray();
            return new Result(rounds.get(0).name, all, all.length, rounds.stream().mapToInt(Result::seconds).sum(),
                    rounds.stream().mapToInt(Result::errors).sum());
        }

        double throughput() {
            return (double) count / seconds;
        }

        double percentile(double p) {
            if (count == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * count) - 1;
            return sorted[Math.max(0, Math.min(count - 1, index))] / 1e6;
        }
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
