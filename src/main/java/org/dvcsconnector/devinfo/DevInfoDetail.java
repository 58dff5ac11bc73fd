package org.dvcsconnector.devinfo;

import java.time.Instant;
import java.util.List;

/**
 * An issue's commits, branches and pull requests, grouped by repository, newest first. Each list holds at most
 * {@code limit} items; {@code total} says how many there are, {@code moreUrl} shows them all in Bitbucket.
 * {@code storedTextLimit}: how many characters of a commit message or pull request title are stored; a longer one
 * is cut there and says so ({@code messageTruncated}, {@code titleTruncated}) with its full length.
 */
public record DevInfoDetail(String issueKey, int limit, int storedTextLimit, List<Repository> repositories) {

    public record Repository(int id, String name, String url, String avatarUrl, Section<Commit> commits,
            Section<Branch> branches, Section<PullRequest> pullRequests) {}

    public record Section<T>(int total, List<T> items, String moreUrl) {}

    /**
     * {@code message} is the first line only, cut at {@link DevInfoQueries#MAX_LINE} characters. {@code messageTruncated}
     * says the stored message was cut at {@link org.dvcsconnector.db.StoredText#LONG} characters; {@code messageLength}
     * is then the length of the message as Bitbucket sent it (null when stored whole).
     */
    public record Commit(String hash, String shortHash, String message, String authorName, String authorAvatarUrl,
            Instant date, String url, boolean merge, boolean messageTruncated, Integer messageLength) {}

    /** {@code lastCommit} is null when the head commit is not stored (yet). */
    public record Branch(String name, String url, String createPullRequestUrl, Commit lastCommit) {}

    /** {@code titleTruncated} and {@code titleLength}: as a commit's message, for a title cut when stored. */
    public record PullRequest(long id, String title, String status, String authorName, String authorAvatarUrl,
            List<Reviewer> reviewers, int approvals, String source, String destination, int commentCount,
            Instant updated, String url, boolean titleTruncated, Integer titleLength) {}

    public record Reviewer(String name, String avatarUrl, boolean approved) {}
}
