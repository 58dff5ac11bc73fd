package org.dvcsconnector.bench;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntFunction;
import org.dvcsconnector.refapp.ao.TablePrefixes;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The benchmark's data, bulk-loaded with COPY into the schemas the refapp created: the tracker's issues, one account
 * with its repositories, commits, branches and pull requests, and their issue links. One issue, {@link #HOT_ISSUE},
 * is named by {@link #HOT_COMMITS} commits, five branches and three pull requests; the others share the rest.
 */
final class DevInfoBenchData {

    static final String PROJECT = "BENCH";
    static final String HOT_ISSUE = PROJECT + "-1";
    static final int HOT_COMMITS = 200;
    /** The plugin setting that says the issue summary table is complete (SummaryTableReadiness). */
    static final String SUMMARY_TABLE_SETTING = "devinfo.summaryTable";
    static final int BRANCHES_PER_REPOSITORY = 20;
    static final int PULL_REQUESTS_PER_REPOSITORY = 50;
    private static final String ISSUE_LINK_COLUMNS =
            " (\"ISSUE_KEY\", \"PROJECT_KEY\", \"REPOSITORY_ID\", \"KIND\", \"TARGET\", \"CREATED_AT\") FROM STDIN";

    private final int repositories;
    private final int commits;
    private final int issues;
    private final String prefix = TablePrefixes.forPluginKey("org.dvcsconnector.dvcs-connector");
    /** When the load began: commit times count back from it. */
    private long now;

    DevInfoBenchData(int repositories, int commits, int issues) {
        if (commits % repositories != 0 || commits / repositories < HOT_COMMITS / repositories + 1 || issues < 10) {
            throw new IllegalArgumentException("commits must be a multiple of repositories, and issues at least 10");
        }
        this.repositories = repositories;
        this.commits = commits;
        this.issues = issues;
    }

    /** For the run's header line. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d commits in %d repositories, %,d issues", commits, repositories, issues);
    }

    void load(Connection c) throws Exception {
        now = System.currentTimeMillis();
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        loadIssues(c, copy);
        int[] repositoryIds = insertRepositories(c, insertAccount(c));
        loadCommits(copy, repositoryIds);
        loadBranches(copy, repositoryIds);
        loadPullRequests(copy, repositoryIds);
        try (Statement s = c.createStatement()) {
            // Rows COPY'd in behind the plugin's back are what an upgrade from a version without the summary table
            // finds: the plugin builds the table at its next start (SummaryBackfill), which this run waits for.
            s.execute("DELETE FROM REFAPP_PLUGIN_SETTINGS WHERE SETTING_KEY = '" + SUMMARY_TABLE_SETTING + "'");
            s.execute("VACUUM ANALYZE");
        }
    }

    private void loadIssues(Connection c, CopyManager copy) throws SQLException, IOException {
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
    }

    private int insertAccount(Connection c) throws SQLException {
        String account = table("ACCOUNT");
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + account + " (\"HOST\", \"WORKSPACE\", \"WORKSPACE_NAME\", \"AUTH_TYPE\", \"STATUS\","
                    + " \"AUTO_LINK\", \"SMART_COMMITS\") VALUES ('bitbucket-cloud', 'bench', 'Bench', 'OAUTH2_PRIVATE_CONSUMER',"
                    + " 'NEEDS_REAUTHORISATION', FALSE, FALSE)");
            try (ResultSet rs = s.executeQuery("SELECT MAX(\"ID\") FROM " + account)) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int[] insertRepositories(Connection c, int accountId) throws SQLException {
        int[] repositoryIds = new int[repositories];
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table("REPOSITORY") + " (\"ACCOUNT_ID\", \"SLUG\","
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
        return repositoryIds;
    }

    private void loadCommits(CopyManager copy, int[] repositoryIds) throws SQLException, IOException {
        int perRepository = commits / repositories;
        int hotStride = commits / HOT_COMMITS; // every hotStride-th commit mentions the hot issue: 200 in all
        copy.copyIn("COPY " + table("COMMIT") + " (\"REPOSITORY_ID\", \"HASH\", \"MESSAGE\", \"AUTHOR_NAME\","
                + " \"AUTHOR_EMAIL\", \"COMMITTED_AT\", \"PARENT_HASHES\", \"MERGE\") FROM STDIN", rows(commits, g -> {
                    int r = g / perRepository;
                    return repositoryIds[r] + "\t" + hash(r, g) + "\t" + issueOf(g, hotStride) + " change " + g
                            + "\tAuthor " + (g % 50) + "\tauthor" + (g % 50) + "@example.com\t" + (now - (commits - g) * 1000L)
                            + "\t" + hash(r, g - 1) + "\tf\n";
                }));
        copy.copyIn("COPY " + table("ISSUE_LINK") + ISSUE_LINK_COLUMNS, rows(commits, g -> issueOf(g, hotStride) + "\t"
                + PROJECT + "\t" + repositoryIds[g / perRepository] + "\tCOMMIT\t" + hash(g / perRepository, g) + "\t" + now
                + "\n"));
    }

    private void loadBranches(CopyManager copy, int[] repositoryIds) throws SQLException, IOException {
        int perRepository = commits / repositories;
        int branches = repositories * BRANCHES_PER_REPOSITORY;
        copy.copyIn("COPY " + table("BRANCH") + " (\"REPOSITORY_ID\", \"NAME\", \"HEAD_HASH\") FROM STDIN",
                rows(branches, b -> {
                    int r = b / BRANCHES_PER_REPOSITORY;
                    return repositoryIds[r] + "\tfeature/" + branchIssue(b) + "-" + b + "\t" + hash(r, r * perRepository + b % perRepository) + "\n";
                }));
        copy.copyIn("COPY " + table("ISSUE_LINK") + ISSUE_LINK_COLUMNS, rows(branches, b -> branchIssue(b) + "\t" + PROJECT
                + "\t" + repositoryIds[b / BRANCHES_PER_REPOSITORY] + "\tBRANCH\tfeature/" + branchIssue(b) + "-" + b + "\t"
                + now + "\n"));
    }

    private void loadPullRequests(CopyManager copy, int[] repositoryIds) throws SQLException, IOException {
        int pullRequests = repositories * PULL_REQUESTS_PER_REPOSITORY;
        String[] states = {"OPEN", "MERGED", "DECLINED"};
        copy.copyIn("COPY " + table("PULL_REQUEST") + " (\"REPOSITORY_ID\", \"REMOTE_ID\", \"TITLE\", \"STATE\","
                + " \"SOURCE_BRANCH\", \"DESTINATION_BRANCH\", \"AUTHOR_NAME\", \"UPDATED_ON\", \"COMMENT_COUNT\", \"URL\","
                + " \"PARTICIPANTS\") FROM STDIN", rows(pullRequests, p -> {
                    int r = p / PULL_REQUESTS_PER_REPOSITORY;
                    return repositoryIds[r] + "\t" + (p % PULL_REQUESTS_PER_REPOSITORY + 1) + "\t" + pullRequestIssue(p)
                            + " pull request\t" + states[p % 3] + "\tfeature/" + p + "\tmain\tAuthor " + (p % 50) + "\t"
                            + (now - p * 1000L) + "\t" + (p % 7) + "\thttps://bitbucket.org/bench/repo-" + r + "/pull-requests/"
                            + (p % PULL_REQUESTS_PER_REPOSITORY + 1)
                            + "\t[{\"name\":\"Reviewer\",\"avatarUrl\":null,\"role\":\"REVIEWER\",\"approved\":true}]\n";
                }));
        copy.copyIn("COPY " + table("ISSUE_LINK") + ISSUE_LINK_COLUMNS, rows(pullRequests, p -> pullRequestIssue(p) + "\t"
                + PROJECT + "\t" + repositoryIds[p / PULL_REQUESTS_PER_REPOSITORY] + "\tPULL_REQUEST\t"
                + (p % PULL_REQUESTS_PER_REPOSITORY + 1) + "\t" + now + "\n"));
    }

    /** Waits until the plugin has built the issue summary table from the loaded links, then analyses it. */
    static void awaitSummaryTable(Connection c) throws Exception {
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

    private String table(String name) {
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
}
