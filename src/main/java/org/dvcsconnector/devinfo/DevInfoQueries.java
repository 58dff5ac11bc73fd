package org.dvcsconnector.devinfo;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.db.Row;
import org.dvcsconnector.db.Sql;
import org.dvcsconnector.db.StoredEnum;
import org.dvcsconnector.db.StoredText;

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

    private final Sql sql;
    private final Supplier<String> siteBaseUrl;
    private final BooleanSupplier summaryTableReady;

    /** @param summaryTableReady whether {@link IssueSummaryEntity} is complete; until then the summary counts links */
    public DevInfoQueries(PluginDatabase db, Supplier<String> siteBaseUrl, BooleanSupplier summaryTableReady) {
        this.sql = DevInfoStore.tables(db);
        this.siteBaseUrl = siteBaseUrl;
        this.summaryTableReady = summaryTableReady;
    }

    // ---- summary

    public DevInfoSummary summary(String issueKey) {
        return summaryTableReady.getAsBoolean() ? summaryFromTable(issueKey) : summaryFromLinks(issueKey);
    }

    /** The issue's one row of totals over linked repositories, kept by every write ({@link IssueTotals}). */
    DevInfoSummary summaryFromTable(String issueKey) {
        int[] counts = new int[6];
        long[] last = {0};
        sql.forEach("SELECT [COMMITS], [BRANCHES], [PULL_REQUESTS], [OPEN_PULL_REQUESTS], [MERGED_PULL_REQUESTS], "
                + "[DECLINED_PULL_REQUESTS], [UPDATED_AT] FROM [IssueTotalEntity] WHERE [ISSUE_KEY] = ?", row -> {
                    counts[0] = row.integer("COMMITS");
                    counts[1] = row.integer("BRANCHES");
                    counts[2] = row.integer("PULL_REQUESTS");
                    counts[3] = row.integer("OPEN_PULL_REQUESTS");
                    counts[4] = row.integer("MERGED_PULL_REQUESTS");
                    counts[5] = row.integer("DECLINED_PULL_REQUESTS");
                    last[0] = row.number("UPDATED_AT");
                }, issueKey);
        return summary(counts, last[0]); // no row: nothing mentions the issue
    }

    /** Counted from the issue's links: before the summary table is backfilled, and the table's reference in tests. */
    DevInfoSummary summaryFromLinks(String issueKey) {
        String linkTime = "COALESCE(l.[CREATED_AT], 0)";
        // Commit links are counted without touching COMMIT: a commit and its links are written in one transaction
        // and removed only with their repository, so the two always agree, and this is the join that would cost
        // one index probe per commit. Links stored before CREATED_AT existed fall back to their commit's date (the
        // sub-select runs for those rows only).
        String commitTime = "COALESCE(l.[CREATED_AT], (SELECT c.[COMMITTED_AT] FROM "
                + "[CommitEntity] c WHERE " + sameRow("c", "HASH") + "))";
        String query = "SELECT 'C' AS [ROW_KIND], CAST(NULL AS VARCHAR(20)) AS [STATE], COUNT(*) AS [N], MAX("
                + commitTime + ") AS [LAST]"
                + from(LinkKind.COMMIT, false) + WHERE
                + " UNION ALL SELECT 'B', CAST(NULL AS VARCHAR(20)), COUNT(*), MAX(" + linkTime + ")"
                + from(LinkKind.BRANCH, false) + " JOIN [BranchEntity] b ON " + sameRow("b", "NAME") + WHERE
                + " UNION ALL SELECT 'P', p.[STATE], COUNT(*), MAX(GREATEST(" + linkTime + ", p.[UPDATED_ON]))"
                + from(LinkKind.PULL_REQUEST, false) + " JOIN [PullRequestEntity] p ON " + PULL_REQUEST_ROW + WHERE
                + " GROUP BY p.[STATE]";
        int[] counts = new int[6]; // commits, branches, pull requests, open, merged, declined
        long[] last = {0};
        sql.forEach(query, row -> count(row, counts, last), issueKey, issueKey, issueKey);
        return summary(counts, last[0]);
    }

    /** @param counts commits, branches, pull requests, open, merged, declined */
    private static DevInfoSummary summary(int[] counts, long last) {
        return new DevInfoSummary(new DevInfoSummary.Count(counts[0]), new DevInfoSummary.Count(counts[1]),
                new DevInfoSummary.PullRequestCount(counts[2], counts[3], counts[4], counts[5]),
                last == 0 ? null : Instant.ofEpochMilli(last));
    }

    private static void count(Row row, int[] counts, long[] last) throws SQLException {
        int n = row.integer("N");
        last[0] = Math.max(last[0], n == 0 ? 0 : row.number("LAST"));
        switch (row.string("ROW_KIND")) {
            case "C" -> counts[0] = n;
            case "B" -> counts[1] = n;
            default -> {
                counts[2] += n;
                switch (StoredEnum.read(PullRequestState.class, row.string("STATE"))) {
                    case OPEN -> counts[3] += n;
                    case MERGED -> counts[4] += n;
                    case DECLINED -> counts[5] += n;
                    case SUPERSEDED -> { } // counted, no state of its own on the panel
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
        sql.readOnOneConnection(connection -> {
            Sql.OnConnection reads = sql.on(connection);
            commits(reads, issueKey, repositories, site);
            branches(reads, issueKey, repositories, site);
            pullRequests(reads, issueKey, repositories, site);
            return null;
        });
        List<DevInfoDetail.Repository> result = repositories.values().stream()
                .sorted((a, b) -> a.name.compareToIgnoreCase(b.name))
                .map(r -> r.toRepository(issueKey))
                .toList();
        return new DevInfoDetail(issueKey, LIMIT, StoredText.LONG, result);
    }

    private void commits(Sql.OnConnection reads, String issueKey, Map<Integer, RepositoryRows> out, String site)
            throws SQLException {
        String query = bounded(List.of("c.[HASH]", "c.[MESSAGE]", "c.[MESSAGE_LENGTH]", "c.[AUTHOR_NAME]",
                "c.[AUTHOR_AVATAR_URL]", "c.[COMMITTED_AT]", "c.[MERGE]"), "c.[COMMITTED_AT] DESC, c.[ID] DESC",
                from(LinkKind.COMMIT, true) + " JOIN [CommitEntity] c ON " + sameRow("c", "HASH") + WHERE);
        reads.forEach(query, row -> {
            RepositoryRows repository = repository(row, out, site);
            repository.commitTotal = row.integer("TOTAL");
            repository.commits.add(commit(repository, row));
        }, issueKey);
    }

    private void branches(Sql.OnConnection reads, String issueKey, Map<Integer, RepositoryRows> out, String site)
            throws SQLException {
        String query = bounded(List.of("b.[NAME]", "b.[FULL_NAME]", "h.[HASH]", "h.[MESSAGE]", "h.[MESSAGE_LENGTH]",
                "h.[AUTHOR_NAME]", "h.[AUTHOR_AVATAR_URL]", "h.[COMMITTED_AT]", "h.[MERGE]"), "COALESCE(h.[COMMITTED_AT], 0) DESC, b.[NAME]",
                from(LinkKind.BRANCH, true) + " JOIN [BranchEntity] b ON " + sameRow("b", "NAME")
                        + " LEFT JOIN [CommitEntity] h ON h.[REPOSITORY_ID] = b.[REPOSITORY_ID] AND h.[HASH] = b.[HEAD_HASH]"
                        + WHERE);
        reads.forEach(query, row -> {
            RepositoryRows repository = repository(row, out, site);
            repository.branchTotal = row.integer("TOTAL");
            String name = StoredText.shown(row.string("NAME"), row.string("FULL_NAME"));
            DevInfoDetail.Commit last = row.string("HASH") == null ? null : commit(repository, row);
            repository.branches.add(new DevInfoDetail.Branch(name, repository.url + "/branch/" + BitbucketLinks.path(name),
                    repository.url + "/pull-requests/new?source=" + BitbucketLinks.query(name) + "&t=1", last));
        }, issueKey);
    }

    private void pullRequests(Sql.OnConnection reads, String issueKey, Map<Integer, RepositoryRows> out, String site)
            throws SQLException {
        String query = bounded(List.of("p.[REMOTE_ID]", "p.[TITLE]", "p.[TITLE_LENGTH]", "p.[STATE]", "p.[AUTHOR_NAME]",
                "p.[AUTHOR_AVATAR_URL]", "p.[PARTICIPANTS]", "p.[SOURCE_BRANCH]", "p.[SOURCE_BRANCH_FULL]",
                "p.[DESTINATION_BRANCH]", "p.[DESTINATION_BRANCH_FULL]", "p.[COMMENT_COUNT]", "p.[UPDATED_ON]", "p.[URL]"), "p.[UPDATED_ON] DESC, p.[REMOTE_ID] DESC",
                from(LinkKind.PULL_REQUEST, true) + " JOIN [PullRequestEntity] p ON " + PULL_REQUEST_ROW + WHERE);
        reads.forEach(query, row -> {
            RepositoryRows repository = repository(row, out, site);
            repository.pullRequestTotal = row.integer("TOTAL");
            long id = row.number("REMOTE_ID");
            List<Participant> participants = Participants.fromJson(row.string("PARTICIPANTS"));
            List<DevInfoDetail.Reviewer> reviewers = participants.stream()
                    .filter(p -> p.reviewer() || p.approved())
                    .map(p -> new DevInfoDetail.Reviewer(p.name(), BitbucketLinks.httpOrNull(p.avatarUrl()), p.approved()))
                    .toList();
            int approvals = (int) participants.stream().filter(Participant::approved).count();
            String url = BitbucketLinks.httpOrNull(row.string("URL"));
            Long titleLength = row.nullableNumber("TITLE_LENGTH");
            repository.pullRequests.add(new DevInfoDetail.PullRequest(id, row.string("TITLE"), row.string("STATE"),
                    row.string("AUTHOR_NAME"), BitbucketLinks.httpOrNull(row.string("AUTHOR_AVATAR_URL")), reviewers,
                    approvals, StoredText.shown(row.string("SOURCE_BRANCH"), row.string("SOURCE_BRANCH_FULL")),
                    StoredText.shown(row.string("DESTINATION_BRANCH"), row.string("DESTINATION_BRANCH_FULL")),
                    row.integer("COMMENT_COUNT"), instant(row.number("UPDATED_ON")),
                    url != null ? url : repository.url + "/pull-requests/" + id, titleLength != null,
                    titleLength == null ? null : titleLength.intValue()));
        }, issueKey);
    }

    /**
     * The commit of a detail row: its columns HASH, MESSAGE, MESSAGE_LENGTH, AUTHOR_NAME, AUTHOR_AVATAR_URL,
     * COMMITTED_AT, MERGE.
     */
    private static DevInfoDetail.Commit commit(RepositoryRows repository, Row row) throws SQLException {
        String hash = row.string("HASH");
        Long length = row.nullableNumber("MESSAGE_LENGTH");
        return new DevInfoDetail.Commit(hash, hash.substring(0, Math.min(12, hash.length())),
                firstLine(row.string("MESSAGE")), row.string("AUTHOR_NAME"),
                BitbucketLinks.httpOrNull(row.string("AUTHOR_AVATAR_URL")), instant(row.number("COMMITTED_AT")),
                repository.url + "/commits/" + BitbucketLinks.query(hash), row.bool("MERGE"), length != null,
                length == null ? null : length.intValue());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip();
        int end = line.indexOf('\n');
        line = (end < 0 ? line : line.substring(0, end)).stripTrailing();
        return line.length() <= MAX_LINE ? line : StoredText.shorten(line, MAX_LINE + 1);
    }

    private static Instant instant(long millis) {
        return millis == 0 ? null : Instant.ofEpochMilli(millis);
    }

    // ---- repositories, read from the first columns of each detail row

    private static RepositoryRows repository(Row row, Map<Integer, RepositoryRows> out, String site)
            throws SQLException {
        int id = row.integer("REPOSITORY_ID");
        RepositoryRows known = out.get(id);
        if (known != null) {
            return known;
        }
        String slug = row.string("REPOSITORY_SLUG");
        String name = row.string("REPOSITORY_NAME");
        RepositoryRows created = new RepositoryRows(id, name == null ? slug : name,
                BitbucketLinks.repository(site, row.string("WORKSPACE"), slug),
                BitbucketLinks.httpOrNull(row.string("REPOSITORY_AVATAR_URL")));
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

    /** The link's repository must be linked and not being deleted; the issue key is the one parameter. */
    private static final String WHERE = " WHERE l.[ISSUE_KEY] = ? AND r.[LINKED] = TRUE AND COALESCE(r.[DELETED], FALSE)"
            + " = FALSE";
    /** A pull request link's target is the number as text; the cast goes that way so that it can never fail. */
    private static final String PULL_REQUEST_ROW = "p.[REPOSITORY_ID] = l.[REPOSITORY_ID] AND CAST(p.[REMOTE_ID] AS "
            + "VARCHAR(20)) = l.[TARGET]";

    /**
     * At most {@link #LIMIT} rows per repository, in {@code order}: the repository's TOTAL, the repository
     * (REPOSITORY_ID, REPOSITORY_SLUG, REPOSITORY_NAME, WORKSPACE, REPOSITORY_AVATAR_URL), then {@code columns}, each
     * named as its table names it (the tables share names, hence the repository's prefix).
     */
    private static String bounded(List<String> columns, String order, String fromWhere) {
        StringBuilder select = new StringBuilder("SELECT COUNT(*) OVER (PARTITION BY r.[ID]) AS [TOTAL], r.[ID] AS "
                + "[REPOSITORY_ID], r.[SLUG] AS [REPOSITORY_SLUG], r.[NAME] AS [REPOSITORY_NAME], a.[WORKSPACE] AS "
                + "[WORKSPACE], r.[AVATAR_URL] AS [REPOSITORY_AVATAR_URL]");
        for (String column : columns) {
            select.append(", ").append(column).append(" AS ").append(column.substring(column.indexOf('[')));
        }
        return "SELECT * FROM (" + select + ", ROW_NUMBER() OVER (PARTITION BY r.[ID] ORDER BY " + order + ") AS [RN]"
                + fromWhere + ") x WHERE x.[RN] <= " + LIMIT + " ORDER BY x.[REPOSITORY_ID], x.[RN]";
    }

    /** The issue's links of one kind with their repository (and its account, for the detail's workspace). */
    private static String from(LinkKind kind, boolean withAccount) {
        return " FROM [IssueLinkEntity] l JOIN [RepositoryEntity] r ON r.[ID] = l.[REPOSITORY_ID] AND l.[KIND] = '"
                + kind.name() + "'" + (withAccount ? " JOIN [AccountEntity] a ON a.[ID] = r.[ACCOUNT_ID]" : "");
    }

    /** The row of {@code alias}'s table that the link's target names by {@code column}, in the link's repository. */
    private static String sameRow(String alias, String column) {
        return alias + ".[REPOSITORY_ID] = l.[REPOSITORY_ID] AND " + alias + ".[" + column + "] = l.[TARGET]";
    }
}
