package org.dvcsconnector.sync;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.bitbucket.FormPostPager;
import org.dvcsconnector.devinfo.CommitRow;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;

/**
 * The sync benchmarks of issue 5, run by {@code bench/sync.sh}:
 * <ol>
 * <li><b>API economy.</b> Full syncs of generated repositories against the simulator; requests made against the
 * lower bound (the pages each endpoint needs at its largest {@code pagelen}, see {@link FullSyncTest#lowerBound}),
 * and against what the legacy connector's paging (commits 15 a page, pull-request activity 30 a page, one call
 * per pull request for its commits) would need for the same data.</li>
 * <li><b>Ingest on PostgreSQL.</b> The same commit pages stored by the plugin's ingest path ({@link SyncRun#saveCommits}:
 * the duplicate check, issue-key links, JDBC batches, a transaction per page) and by a plain JDBC batch insert of
 * the same rows into a bare table (a transaction per page too), alternately, several rounds, in one run.</li>
 * </ol>
 * Arguments: {@code [ingestCommits=50000] [rounds=3]}.
 */
public final class SyncBenchmark {

    private SyncBenchmark() {}

    public static void main(String[] args) throws Exception {
        int ingestCommits = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        apiEconomy();
        ingest(ingestCommits, rounds);
        System.exit(0);
    }

    private static void apiEconomy() throws Exception {
        System.out.println("== API economy: full sync requests vs the lower bound");
        System.out.printf("%-34s %9s %9s %7s %9s%n", "repository (commits/branches/PRs)", "requests", "bound", "ratio",
                "legacy");
        int[][] shapes = {{2_000, 10, 20}, {20_000, 30, 60}, {500, 3, 150}};
        for (int[] shape : shapes) {
            try (SyncFixture fixture = new SyncFixture(1, shape[0], shape[1], shape[2])) {
                int id = fixture.repositoryId("repo-01");
                int before = fixture.apiRequests();
                fixture.sync().run(id, true);
                int requests = fixture.apiRequests() - before;
                Repository remote = fixture.remote("repo-01");
                int bound = FullSyncTest.lowerBound(remote);
                System.out.printf("%-34s %9d %9d %7.3f %9d%n", shape[0] + "/" + shape[1] + "/" + shape[2], requests, bound,
                        requests / (double) bound, legacyRequests(remote));
            }
        }
        System.out.println("bound = ceil(branches/100) + ceil(commits/100) + ceil(pullRequests/50)"
                + " (the pages; a pull request's own commits are not fetched)");
        System.out.println("legacy = ceil(branches/100) + ceil(commits/15) + ceil(pullRequests/30)"
                + " + sum over pull requests of (1 + ceil(commitsOfThePullRequest/15)) (its page sizes, formula)");
    }

    /** What the legacy connector's paging needs for the same repository (its page sizes; a formula, not a run). */
    private static int legacyRequests(Repository r) {
        int commits = r.commits().reachable(r.branches().values().stream().mapToInt(Integer::intValue).toArray(), null)
                .cardinality();
        int total = ceil(r.branches().size(), 100) + ceil(commits, 15) + ceil(r.pullRequests().size(), 30);
        for (PullRequest pr : r.pullRequests().values()) {
            java.util.BitSet stop = r.commits().reachable(new int[] {pr.destinationCommit()}, null);
            int prCommits = r.commits().reachable(new int[] {pr.sourceCommit()}, stop).cardinality();
            total += 1 + ceil(prCommits, 15);
        }
        return total;
    }

    private static void ingest(int commits, int rounds) throws Exception {
        System.out.printf("%n== Ingest on PostgreSQL: %,d commits in pages of %d, %d rounds each, alternating%n", commits,
                RepositoryReader.PAGELEN, rounds);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
                SyncFixture fixture = new SyncFixture(postgres.getJdbcUrl("postgres", "postgres"), 1, commits, 4, 0)) {
            List<List<CommitRow>> pages = fetch(fixture);
            int rows = pages.stream().mapToInt(List::size).sum();
            // The plugin stores each commit's issue links with it: the plain insert writes the same link rows.
            IssueKeyExtractor keys = new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC());
            List<List<String[]>> links = new ArrayList<>();
            for (List<CommitRow> page : pages) {
                List<String[]> pageLinks = new ArrayList<>();
                page.forEach(c -> keys.extract(c.message()).forEach(k -> pageLinks.add(new String[] {k.key(), k.projectKey(), c.hash()})));
                links.add(pageLinks);
            }
            System.out.printf("%,d commits with %,d issue links%n", rows, links.stream().mapToInt(List::size).sum());
            createPlainTable(fixture);
            plainInsert(fixture, pages, links); // warm-up of both paths, not counted
            pluginIngest(fixture, pages, -1);
            double[] plugin = new double[rounds];
            double[] plain = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                plain[round] = rows / plainInsert(fixture, pages, links);
                plugin[round] = rows / pluginIngest(fixture, pages, round);
                System.out.printf("round %d: plugin %,.0f commits/s, plain JDBC batch %,.0f commits/s%n", round + 1,
                        plugin[round], plain[round]);
            }
            double pluginMedian = median(plugin);
            double plainMedian = median(plain);
            System.out.printf("median (commits with their links per second): plugin %,.0f, plain %,.0f, ratio %.2f (target >= 0.5)%n",
                    pluginMedian, plainMedian, pluginMedian / plainMedian);
        }
    }

    private static List<List<CommitRow>> fetch(SyncFixture fixture) throws Exception {
        BitbucketEndpoints where = fixture.endpoints.get();
        OkHttpClient http = BitbucketHttp.forAccount(fixture.http, fixture.tokens.forAccount(fixture.accountId));
        RepositoryReader reader = new RepositoryReader(new BitbucketApi(http, where), new FormPostPager(http),
                where.apiBaseUrl(), SyncFixture.WORKSPACE, "repo-01");
        List<List<CommitRow>> pages = new ArrayList<>();
        reader.commits(List.of(), List.of(), pages::add);
        return pages;
    }

    /** Seconds to store every page through the plugin's ingest path into a fresh repository. */
    private static double pluginIngest(SyncFixture fixture, List<List<CommitRow>> pages, int round) {
        RepositoryEntity repository = fixture.ao.create(RepositoryEntity.class,
                java.util.Map.of("ACCOUNT_ID", fixture.accountId, "SLUG", "bench-" + round));
        IssueKeyExtractor keys = new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC());
        long start = System.nanoTime();
        // As a full sync stores them: backfill, so no development events are written.
        // The reader is never asked: the pages are stored as they are.
        RepositoryReader unused = new RepositoryReader(null, null, "http://localhost:1/2.0", "bench", "bench-" + round);
        SyncRun run = SyncRun.forSync(SyncKind.FULL, repository.getID(), unused, fixture.devInfo, keys,
                new SyncStates(fixture.ao, Clock.systemUTC()),
                new org.dvcsconnector.devevent.DevEventOutbox(fixture.db, fixture.scheduler(), Clock.systemUTC()), () -> null);
        pages.forEach(run::saveCommits);
        return (System.nanoTime() - start) / 1e9;
    }

    private static void createPlainTable(SyncFixture fixture) throws Exception {
        try (Connection c = fixture.database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE plain_commit (id SERIAL PRIMARY KEY, repository_id INTEGER, hash VARCHAR(40),"
                    + " message TEXT, author_name VARCHAR(255), author_email VARCHAR(255), author_account_id VARCHAR(255),"
                    + " committed_at BIGINT, parent_hashes TEXT, merge BOOLEAN)");
            s.execute("CREATE INDEX plain_commit_repo ON plain_commit (repository_id)");
            s.execute("CREATE INDEX plain_commit_hash ON plain_commit (hash)");
            s.execute("CREATE TABLE plain_link (id SERIAL PRIMARY KEY, issue_key VARCHAR(255), project_key VARCHAR(255),"
                    + " repository_id INTEGER, kind VARCHAR(255), target VARCHAR(450))");
            s.execute("CREATE INDEX plain_link_issue ON plain_link (issue_key)");
            s.execute("CREATE INDEX plain_link_repo ON plain_link (repository_id)");
        }
    }

    /** Seconds for a plain JDBC batch insert of the same rows (the plugin tables' indexes), a transaction per page. */
    private static double plainInsert(SyncFixture fixture, List<List<CommitRow>> pages, List<List<String[]>> links)
            throws Exception {
        try (Connection c = fixture.database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE plain_commit, plain_link");
            }
            c.commit();
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO plain_commit (repository_id, hash, message,"
                    + " author_name, author_email, author_account_id, committed_at, parent_hashes, merge)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement link = c.prepareStatement("INSERT INTO plain_link (issue_key, project_key,"
                    + " repository_id, kind, target) VALUES (?, ?, ?, ?, ?)")) {
                for (int p = 0; p < pages.size(); p++) {
                    List<CommitRow> page = pages.get(p);
                    for (CommitRow row : page) {
                        insert.setInt(1, 1);
                        insert.setString(2, row.hash());
                        insert.setString(3, row.message());
                        insert.setString(4, row.authorName());
                        insert.setString(5, row.authorEmail());
                        insert.setString(6, row.authorAccountId());
                        insert.setLong(7, row.committedAt());
                        insert.setString(8, String.join(" ", row.parents()));
                        insert.setBoolean(9, row.merge());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    for (String[] l : links.get(p)) {
                        link.setString(1, l[0]);
                        link.setString(2, l[1]);
                        link.setInt(3, 1);
                        link.setString(4, "COMMIT");
                        link.setString(5, l[2]);
                        link.addBatch();
                    }
                    link.executeBatch();
                    c.commit();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static int ceil(int n, int page) {
        return Math.max(1, (n + page - 1) / page);
    }
}
