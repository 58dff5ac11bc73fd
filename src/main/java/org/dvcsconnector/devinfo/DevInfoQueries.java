package org.dvcsconnector.devinfo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.spi.ActiveObjects;

/**
 * Reads an issue's development information: one statement for the summary (of the {@link IssueSummaryEntity} table
 * once it is complete, else of the links), three for the detail (commits, branches, pull requests, each joined to
 * its repository), whatever the number of repositories or rows. The detail starts at the issue's links (indexed by
 * issue key) and reaches each row through its repository and natural key; only linked repositories that are not
 * being deleted count.
 */
public final class DevInfoQueries {

    /** Items per repository and kind in the detail; the rest is one click away in Bitbucket. */
    public static final int LIMIT = 50;
    /** A commit's first line is cut here: the panel shows a line, not a novel. */
    public static final int MAX_LINE = 1000;

    private final ActiveObjects ao;
    private final Supplier<String> siteBaseUrl;
    private final BooleanSupplier summaryTableReady;
    private volatile String totalSql;

    /** @param summaryTableReady whether {@link IssueSummaryEntity} is complete; until then the summary counts links */
    public DevInfoQueries(ActiveObjects ao, Supplier<String> siteBaseUrl, BooleanSupplier summaryTableReady) {
        this.ao = ao;
        this.siteBaseUrl = siteBaseUrl;
        this.summaryTableReady = summaryTableReady;
    }

    // ---- summary

    public DevInfoSummary summary(String issueKey) {
        return summaryTableReady.getAsBoolean() ? summaryFromTable(issueKey) : summaryFromLinks(issueKey);
    }

    /** The issue's one row of totals over linked repositories, kept by every write ({@link IssueTotals}). */
    DevInfoSummary summaryFromTable(String issueKey) {
        String sql = totalSql;
        if (sql == null) { // built once: names are quoted as the database needs, which is known only at run time
            sql = "SELECT " + q("COMMITS") + ", " + q("BRANCHES") + ", " + q("PULL_REQUESTS") + ", " + q("OPEN_PULL_REQUESTS")
                    + ", " + q("MERGED_PULL_REQUESTS") + ", " + q("DECLINED_PULL_REQUESTS") + ", " + q("UPDATED_AT") + " FROM "
                    + t(IssueTotalEntity.class) + " WHERE " + q("ISSUE_KEY") + " = ?";
            totalSql = sql;
        }
        String query = sql;
        int[] counts = new int[6];
        long[] last = {0};
        ao.withConnection(connection -> {
            read(connection, query, issueKey, 1, rs -> {
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = rs.getInt(i + 1);
                }
                last[0] = rs.getLong(7);
            });
            return null;
        });
        return summary(counts, last[0]); // no row: nothing mentions the issue
    }

    /** Counted from the issue's links: before the summary table is backfilled, and the table's reference in tests. */
    DevInfoSummary summaryFromLinks(String issueKey) {
        String linkTime = "COALESCE(l." + q("CREATED_AT") + ", 0)";
        // Commit links are counted without touching COMMIT: a commit and its links are written in one transaction
        // and removed only with their repository, so the two always agree, and this is the join that would cost
        // one index probe per commit. Links stored before CREATED_AT existed fall back to their commit's date (the
        // sub-select runs for those rows only).
        String commitTime = "COALESCE(l." + q("CREATED_AT") + ", (SELECT c." + q("COMMITTED_AT") + " FROM "
                + t(CommitEntity.class) + " c WHERE " + sameRow("c", "HASH") + "))";
        String sql = "SELECT 'C', CAST(NULL AS VARCHAR(20)), COUNT(*), MAX(" + commitTime + ")"
                + from(LinkKind.COMMIT, false) + where()
                + " UNION ALL SELECT 'B', CAST(NULL AS VARCHAR(20)), COUNT(*), MAX(" + linkTime + ")"
                + from(LinkKind.BRANCH, false) + " JOIN " + t(BranchEntity.class) + " b ON " + sameRow("b", "NAME")
                + where()
                + " UNION ALL SELECT 'P', p." + q("STATE") + ", COUNT(*), MAX(GREATEST(" + linkTime + ", p."
                + q("UPDATED_ON") + "))" + from(LinkKind.PULL_REQUEST, false) + " JOIN " + t(PullRequestEntity.class)
                + " p ON " + pullRequestRow() + where() + " GROUP BY p." + q("STATE");
        int[] counts = new int[6]; // commits, branches, pull requests, open, merged, declined
        long[] last = {0};
        ao.withConnection(connection -> {
            read(connection, sql, issueKey, 3, rs -> count(rs, counts, last));
            return null;
        });
        return summary(counts, last[0]);
    }

    /** @param counts commits, branches, pull requests, open, merged, declined */
    private static DevInfoSummary summary(int[] counts, long last) {
        return new DevInfoSummary(new DevInfoSummary.Count(counts[0]), new DevInfoSummary.Count(counts[1]),
                new DevInfoSummary.PullRequestCount(counts[2], counts[3], counts[4], counts[5]),
                last == 0 ? null : Instant.ofEpochMilli(last));
    }

    private static void count(ResultSet rs, int[] counts, long[] last) throws SQLException {
        int n = rs.getInt(3);
        last[0] = Math.max(last[0], n == 0 ? 0 : rs.getLong(4));
        switch (rs.getString(1)) {
            case "C" -> counts[0] = n;
            case "B" -> counts[1] = n;
            default -> {
                counts[2] += n;
                switch (String.valueOf(rs.getString(2))) {
                    case "OPEN" -> counts[3] += n;
                    case "MERGED" -> counts[4] += n;
                    case "DECLINED" -> counts[5] += n;
                    default -> { } // SUPERSEDED: counted, no state of its own on the panel
                }
            }
        }
    }

    // ---- detail

    public DevInfoDetail detail(String issueKey) {
        // Read before the connection is taken: a setting read inside would need a second pooled connection per
        // request, and a full pool of requests each waiting for their second one never moves again.
        String site = siteBaseUrl.get();
        Map<Integer, RepositoryRows> repositories = new LinkedHashMap<>();
        ao.withConnection(connection -> {
            commits(connection, issueKey, repositories, site);
            branches(connection, issueKey, repositories, site);
            pullRequests(connection, issueKey, repositories, site);
            return null;
        });
        List<DevInfoDetail.Repository> result = repositories.values().stream()
                .sorted((a, b) -> a.name.compareToIgnoreCase(b.name))
                .map(r -> r.toRepository(issueKey))
                .toList();
        return new DevInfoDetail(issueKey, LIMIT, result);
    }

    private void commits(Connection connection, String issueKey, Map<Integer, RepositoryRows> out, String site)
            throws SQLException {
        String sql = bounded("c." + q("HASH") + ", c." + q("MESSAGE") + ", c." + q("AUTHOR_NAME")
                + ", c." + q("AUTHOR_AVATAR_URL") + ", c." + q("COMMITTED_AT") + ", c." + q("MERGE"),
                "c." + q("COMMITTED_AT") + " DESC, c." + q("ID") + " DESC",
                from(LinkKind.COMMIT, true) + " JOIN " + t(CommitEntity.class) + " c ON " + sameRow("c", "HASH") + where());
        read(connection, sql, issueKey, 1, rs -> {
            RepositoryRows repository = repository(rs, out, site);
            repository.commitTotal = rs.getInt(TOTAL);
            repository.commits.add(commit(repository, rs.getString(7), rs.getString(8), rs.getString(9),
                    rs.getString(10), rs.getLong(11), rs.getBoolean(12)));
        });
    }

    private void branches(Connection connection, String issueKey, Map<Integer, RepositoryRows> out, String site)
            throws SQLException {
        String sql = bounded("b." + q("NAME") + ", h." + q("HASH") + ", h." + q("MESSAGE")
                + ", h." + q("AUTHOR_NAME") + ", h." + q("AUTHOR_AVATAR_URL") + ", h." + q("COMMITTED_AT") + ", h."
                + q("MERGE"),
                "COALESCE(h." + q("COMMITTED_AT") + ", 0) DESC, b." + q("NAME"),
                from(LinkKind.BRANCH, true) + " JOIN " + t(BranchEntity.class) + " b ON " + sameRow("b", "NAME")
                        + " LEFT JOIN " + t(CommitEntity.class) + " h ON h." + q("REPOSITORY_ID") + " = b."
                        + q("REPOSITORY_ID") + " AND h." + q("HASH") + " = b." + q("HEAD_HASH") + where());
        read(connection, sql, issueKey, 1, rs -> {
            RepositoryRows repository = repository(rs, out, site);
            repository.branchTotal = rs.getInt(TOTAL);
            String name = rs.getString(7);
            String head = rs.getString(8);
            DevInfoDetail.Commit last = head == null ? null : commit(repository, head, rs.getString(9),
                    rs.getString(10), rs.getString(11), rs.getLong(12), rs.getBoolean(13));
            repository.branches.add(new DevInfoDetail.Branch(name, repository.url + "/branch/" + BitbucketLinks.path(name),
                    repository.url + "/pull-requests/new?source=" + BitbucketLinks.query(name) + "&t=1", last));
        });
    }

    private void pullRequests(Connection connection, String issueKey, Map<Integer, RepositoryRows> out, String site)
            throws SQLException {
        String sql = bounded("p." + q("REMOTE_ID") + ", p." + q("TITLE") + ", p." + q("STATE")
                + ", p." + q("AUTHOR_NAME") + ", p." + q("AUTHOR_AVATAR_URL") + ", p." + q("PARTICIPANTS") + ", p."
                + q("SOURCE_BRANCH") + ", p." + q("DESTINATION_BRANCH") + ", p." + q("COMMENT_COUNT") + ", p."
                + q("UPDATED_ON") + ", p." + q("URL"),
                "p." + q("UPDATED_ON") + " DESC, p." + q("REMOTE_ID") + " DESC",
                from(LinkKind.PULL_REQUEST, true) + " JOIN " + t(PullRequestEntity.class) + " p ON " + pullRequestRow() + where());
        read(connection, sql, issueKey, 1, rs -> {
            RepositoryRows repository = repository(rs, out, site);
            repository.pullRequestTotal = rs.getInt(TOTAL);
            long id = rs.getLong(7);
            List<Participant> participants = Participants.fromJson(rs.getString(12));
            List<DevInfoDetail.Reviewer> reviewers = participants.stream()
                    .filter(p -> p.reviewer() || p.approved())
                    .map(p -> new DevInfoDetail.Reviewer(p.name(), BitbucketLinks.httpOrNull(p.avatarUrl()), p.approved()))
                    .toList();
            int approvals = (int) participants.stream().filter(Participant::approved).count();
            String url = BitbucketLinks.httpOrNull(rs.getString(17));
            repository.pullRequests.add(new DevInfoDetail.PullRequest(id, rs.getString(8), rs.getString(9),
                    rs.getString(10), BitbucketLinks.httpOrNull(rs.getString(11)), reviewers, approvals, rs.getString(13),
                    rs.getString(14), rs.getInt(15), instant(rs.getLong(16)),
                    url != null ? url : repository.url + "/pull-requests/" + id));
        });
    }

    private static DevInfoDetail.Commit commit(RepositoryRows repository, String hash, String message, String author,
            String avatar, long date, boolean merge) {
        return new DevInfoDetail.Commit(hash, hash.substring(0, Math.min(12, hash.length())), firstLine(message),
                author, BitbucketLinks.httpOrNull(avatar), instant(date), repository.url + "/commits/" + BitbucketLinks.query(hash), merge);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip();
        int end = line.indexOf('\n');
        line = (end < 0 ? line : line.substring(0, end)).stripTrailing();
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "\u2026";
    }

    private static Instant instant(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }

    // ---- repositories, read from the first columns of each detail row

    private static RepositoryRows repository(ResultSet rs, Map<Integer, RepositoryRows> out, String site)
            throws SQLException {
        int id = rs.getInt(2);
        RepositoryRows known = out.get(id);
        if (known != null) {
            return known;
        }
        String slug = rs.getString(3);
        String name = rs.getString(4);
        RepositoryRows created = new RepositoryRows(id, name == null ? slug : name,
                BitbucketLinks.repository(site, rs.getString(5), slug), BitbucketLinks.httpOrNull(rs.getString(6)));
        out.put(id, created);
        return created;
    }

    /** Rows of one repository while they are read. */
    private static final class RepositoryRows {
        final int id;
        final String name;
        final String url;
        final String avatarUrl;
        final List<DevInfoDetail.Commit> commits = new ArrayList<>();
        final List<DevInfoDetail.Branch> branches = new ArrayList<>();
        final List<DevInfoDetail.PullRequest> pullRequests = new ArrayList<>();
        int commitTotal;
        int branchTotal;
        int pullRequestTotal;

        RepositoryRows(int id, String name, String url, String avatarUrl) {
            this.id = id;
            this.name = name;
            this.url = url;
            this.avatarUrl = avatarUrl;
        }

        DevInfoDetail.Repository toRepository(String issueKey) {
            return new DevInfoDetail.Repository(id, name, url, avatarUrl,
                    new DevInfoDetail.Section<>(commitTotal, commits, url + "/commits/"),
                    new DevInfoDetail.Section<>(branchTotal, branches, url + "/branches/?search=" + BitbucketLinks.query(issueKey)),
                    new DevInfoDetail.Section<>(pullRequestTotal, pullRequests, url + "/pull-requests/?state=ALL"));
        }
    }

    // ---- SQL building

    private static final int TOTAL = 1;

    /**
     * At most {@link #LIMIT} rows per repository, in {@code order}: columns 1 = the repository's total, 2-6 = the
     * repository (id, slug, name, workspace, avatar), 7.. = {@code columns}.
     */
    private String bounded(String columns, String order, String fromWhere) {
        String repository = "r." + q("ID");
        List<String> all = new ArrayList<>(List.of(repository, "r." + q("SLUG"), "r." + q("NAME"), "a." + q("WORKSPACE"),
                "r." + q("AVATAR_URL")));
        all.addAll(List.of(columns.split(", ")));
        StringBuilder select = new StringBuilder("SELECT COUNT(*) OVER (PARTITION BY " + repository + ") AS V1");
        for (int i = 0; i < all.size(); i++) {
            select.append(", ").append(all.get(i)).append(" AS V").append(i + 2); // the tables share column names
        }
        return "SELECT * FROM (" + select + ", ROW_NUMBER() OVER (PARTITION BY " + repository + " ORDER BY " + order
                + ") AS RN" + fromWhere + ") x WHERE x.RN <= " + LIMIT + " ORDER BY x.V2, x.RN";
    }

    /** The issue's links of one kind with their repository (and its account, for the detail's workspace). */
    private String from(LinkKind kind, boolean withAccount) {
        return " FROM " + t(IssueLinkEntity.class) + " l JOIN " + t(RepositoryEntity.class) + " r ON r." + q("ID")
                + " = l." + q("REPOSITORY_ID") + " AND l." + q("KIND") + " = '" + kind.name() + "'"
                + (withAccount ? " JOIN " + t(AccountEntity.class) + " a ON a." + q("ID") + " = r." + q("ACCOUNT_ID") : "");
    }

    private String where() {
        return " WHERE l." + q("ISSUE_KEY") + " = ? AND r." + q("LINKED") + " = TRUE AND COALESCE(r." + q("DELETED") + ", FALSE) = FALSE";
    }

    /** The row of {@code alias}'s table that the link's target names by {@code column}, in the link's repository. */
    private String sameRow(String alias, String column) {
        return alias + "." + q("REPOSITORY_ID") + " = l." + q("REPOSITORY_ID") + " AND " + alias + "." + q(column)
                + " = l." + q("TARGET");
    }

    /** A pull request link's target is the number as text; the cast goes that way so that it can never fail. */
    private String pullRequestRow() {
        return "p." + q("REPOSITORY_ID") + " = l." + q("REPOSITORY_ID") + " AND CAST(p." + q("REMOTE_ID")
                + " AS VARCHAR(20)) = l." + q("TARGET");
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** One statement, the issue key bound to each of its {@code times} parameters. */
    private static void read(Connection connection, String sql, String issueKey, int times, RowReader reader)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= times; i++) {
                statement.setString(i, issueKey);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private String t(Class<? extends net.java.ao.RawEntity<?>> table) {
        return ao.tableName(table);
    }

    private String q(String column) {
        return ao.quote(column);
    }
}
