package org.dvcsconnector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.FormPostPager;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.devinfo.CommitRow;
import org.dvcsconnector.devinfo.Participant;
import org.dvcsconnector.devinfo.PullRequestRow;
import org.dvcsconnector.devinfo.PullRequestState;

/**
 * Reads one repository's branches, commits and pull requests from Bitbucket, page by page, with the
 * largest page sizes Bitbucket allows and {@code fields=} trimmed to what is stored. Counts its requests
 * (one per page) for the progress shown to the administrator and for the API-economy test.
 */
public final class RepositoryReader {

    static final int PAGELEN = 100;
    static final int PULL_REQUEST_PAGELEN = 50;
    static final List<String> PULL_REQUEST_STATES = Arrays.stream(PullRequestState.values()).map(Enum::name).toList();
    private static final String COMMIT_FIELDS = "next,values.hash,values.message,values.date,values.author.raw,"
            + "values.author.user.account_id,values.author.user.links.avatar.href,values.parents.hash";
    private static final String PULL_REQUEST_FIELDS = "next,values.id,values.title,values.state,"
            + "values.source.branch.name,values.source.commit.hash,values.destination.branch.name,"
            + "values.merge_commit.hash,values.author.display_name,values.author.account_id,values.closed_by.account_id,"
            + "values.closed_by.display_name,values.updated_on,values.comment_count,values.links.html.href,values.author.links.avatar.href,"
            + "values.participants.role,values.participants.approved,values.participants.user.display_name,"
            + "values.participants.user.links.avatar.href";

    @FunctionalInterface
    interface PageConsumer<T> {
        void accept(List<T> page) throws BitbucketException;
    }

    /** Longer include/exclude lists go in a POST body: URLs of many kilobytes are refused by proxies. */
    static final int MAX_QUERY = 2000;

    private final BitbucketApi api;
    private final FormPostPager poster;
    private final String apiBase;
    private final String base;
    private final AtomicInteger requests = new AtomicInteger();

    /** @param repository the repository's slug, or its {@code {uuid}} ({@link #address}) */
    RepositoryReader(BitbucketApi api, FormPostPager poster, String apiBase, String workspace, String repository) {
        this.api = api;
        this.poster = poster;
        this.apiBase = apiBase;
        this.base = "/repositories/" + workspace + "/" + repository;
    }

    /**
     * How the API is asked for the repository: by its {@code {uuid}} when known, which a rename keeps (Bitbucket takes
     * it wherever it takes the slug), so a repository renamed while it syncs goes on syncing; else by its slug.
     */
    static String address(RepositoryEntity repository) {
        String uuid = repository.getUuid();
        return uuid != null && uuid.startsWith("{") && uuid.endsWith("}") ? uuid : repository.getSlug();
    }

    int requests() {
        return requests.get();
    }

    /** Branch name → head hash. */
    Map<String, String> branches() throws BitbucketException {
        Map<String, String> heads = new LinkedHashMap<>();
        api.forEachPage(base + "/refs/branches", Map.of("pagelen", Integer.toString(PAGELEN),
                "fields", "next,values.name,values.target.hash"), page -> {
                    requests.incrementAndGet();
                    // names as stored (StoredText.clean): what the stored heads are compared with
                    page.path("values").forEach(b -> heads.put(StoredText.clean(b.path("name").asText()),
                            b.path("target").path("hash").asText()));
                    return true;
                });
        return heads;
    }

    /**
     * Commits newest first: all of them (no include), or those reachable from {@code include} and not from
     * {@code exclude} (git's {@code log A ^B}).
     */
    void commits(List<String> include, List<String> exclude, PageConsumer<CommitRow> consumer) throws BitbucketException {
        BitbucketApi.PageHandler handler = page -> {
            requests.incrementAndGet();
            List<CommitRow> rows = new ArrayList<>(PAGELEN);
            page.path("values").forEach(c -> rows.add(commit(c)));
            consumer.accept(rows);
            return true;
        };
        // Repeated parameters go into the path: BitbucketApi adds single-valued ones after them.
        String refs = repeated(Map.of("include", include, "exclude", exclude));
        if (refs.length() <= MAX_QUERY) {
            api.forEachPage(base + "/commits" + refs, Map.of("pagelen", Integer.toString(PAGELEN), "fields", COMMIT_FIELDS),
                    handler);
            return;
        }
        FormBody.Builder form = new FormBody.Builder();
        include.forEach(ref -> form.add("include", ref));
        exclude.forEach(ref -> form.add("exclude", ref));
        poster.forEachPage(commitsUrl(), form.build(), handler);
    }

    /** A page of the commit listing and the link to the next (null on the last). */
    record CommitPage(List<CommitRow> commits, String next) {}

    /**
     * One page of the commits reachable from {@code include} (newest first): the first ({@code next} null) or the
     * one an earlier page named, so that a listing can go on in a later run.
     */
    CommitPage commitPage(List<String> include, String next) throws BitbucketException {
        String refs = repeated(Map.of("include", include));
        BitbucketApi.Page page;
        if (refs.length() <= MAX_QUERY) {
            page = api.page(base + "/commits" + refs, Map.of("pagelen", Integer.toString(PAGELEN), "fields", COMMIT_FIELDS),
                    next);
        } else {
            FormBody.Builder form = new FormBody.Builder();
            include.forEach(ref -> form.add("include", ref));
            page = poster.page(commitsUrl(), form.build(), next);
        }
        requests.incrementAndGet();
        List<CommitRow> rows = new ArrayList<>(PAGELEN);
        page.body().path("values").forEach(c -> rows.add(commit(c)));
        return new CommitPage(rows, page.next());
    }

    private HttpUrl commitsUrl() {
        return HttpUrl.get(apiBase + base + "/commits").newBuilder()
                .addQueryParameter("pagelen", Integer.toString(PAGELEN)).addQueryParameter("fields", COMMIT_FIELDS).build();
    }

    /** Pull requests in every state, page by page. */
    void pullRequests(PageConsumer<PullRequestRow> consumer) throws BitbucketException {
        pullRequests(PULL_REQUEST_STATES, consumer);
    }

    /** Pull requests in the given states ({@link PullRequestState} names), page by page. */
    void pullRequests(List<String> states, PageConsumer<PullRequestRow> consumer) throws BitbucketException {
        api.forEachPage(base + "/pullrequests" + repeated(Map.of("state", states)),
                Map.of("pagelen", Integer.toString(PULL_REQUEST_PAGELEN), "fields", PULL_REQUEST_FIELDS), page -> {
            requests.incrementAndGet();
            List<PullRequestRow> rows = new ArrayList<>();
            page.path("values").forEach(p -> rows.add(pullRequest(p)));
            consumer.accept(rows);
            return true;
        });
    }

    /** {@code ?a=1&a=2&b=3}, URL-encoded; empty when there are no values. */
    static String repeated(Map<String, List<String>> parameters) {
        StringBuilder query = new StringBuilder();
        new java.util.TreeMap<>(parameters).forEach((name, values) -> values.forEach(value -> query
                .append(query.length() == 0 ? '?' : '&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
        return query.toString();
    }

    public static CommitRow commit(JsonNode c) {
        String raw = c.path("author").path("raw").asText("");
        String name = raw;
        String email = null;
        int lt = raw.lastIndexOf('<');
        int gt = raw.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            name = raw.substring(0, lt).trim();
            email = raw.substring(lt + 1, gt).trim();
        }
        List<String> parents = new ArrayList<>(2);
        c.path("parents").forEach(p -> parents.add(p.path("hash").asText()));
        JsonNode user = c.path("author").path("user");
        return new CommitRow(c.path("hash").asText(), c.path("message").asText(""), name, email,
                user.path("account_id").asText(null), avatar(user), millis(c.path("date").asText(null)), parents);
    }

    static PullRequestRow pullRequest(JsonNode p) {
        return new PullRequestRow(p.path("id").asLong(), p.path("title").asText(""),
                PullRequestState.fromBitbucket(p.path("state").asText()),
                p.path("source").path("branch").path("name").asText(null),
                p.path("destination").path("branch").path("name").asText(null),
                p.path("author").path("display_name").asText(null), avatar(p.path("author")),
                millis(p.path("updated_on").asText(null)), p.path("comment_count").asInt(0),
                p.path("links").path("html").path("href").asText(null),
                p.path("source").path("commit").path("hash").asText(null),
                p.path("merge_commit").path("hash").asText(null), participants(p.path("participants")),
                p.path("closed_by").path("account_id").asText(p.path("author").path("account_id").asText(null)),
                p.path("closed_by").path("display_name").asText(p.path("author").path("display_name").asText(null)));
    }

    private static List<Participant> participants(JsonNode array) {
        List<Participant> participants = new ArrayList<>();
        array.forEach(x -> participants.add(new Participant(x.path("user").path("display_name").asText(null),
                avatar(x.path("user")), x.path("role").asText("PARTICIPANT"), x.path("approved").asBoolean(false))));
        return participants;
    }

    private static String avatar(JsonNode user) {
        return user.path("links").path("avatar").path("href").asText(null);
    }

    private static long millis(String iso) {
        return iso == null ? 0L : OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }
}
