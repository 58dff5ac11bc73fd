package org.dvcsconnector.refapp.simulator.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A git repository of the simulator: its commit DAG, branches (name → head commit index, sorted by name as
 * Bitbucket lists them), pull requests and webhooks.
 *
 * <p>Writers synchronise on the repository; readers do not lock (concurrent maps, immutable records, and
 * the commit graph's own publication rule). {@link #version} changes on every commit or ref change and keys
 * the cache of commit selections.
 */
public final class Repository {

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Workspace workspace;
    private volatile String slug;
    private final String name;
    private final String uuid;
    private final boolean isPrivate;
    private final Instant createdOn;
    private final String mainBranch = "main";
    private final CommitGraph commits = new CommitGraph();
    private final MessageTable messages = new MessageTable();
    private final NavigableMap<String, Integer> branches = new ConcurrentSkipListMap<>();
    private final NavigableMap<Integer, PullRequest> pullRequests = new ConcurrentSkipListMap<>();
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextPullRequestId = new AtomicInteger(1);
    private final Map<String, BitSet> selections = new ConcurrentHashMap<>();
    private final NavigableMap<String, Tag> tags = new java.util.concurrent.ConcurrentSkipListMap<>();
    private volatile MessageGenerator generator;
    private volatile long version;
    private volatile Instant updatedOn;

    public Repository(Workspace workspace, String slug, String name, String uuid, boolean isPrivate, Instant createdOn) {
        this.workspace = workspace;
        this.slug = slug;
        this.name = name;
        this.uuid = uuid;
        this.isPrivate = isPrivate;
        this.createdOn = createdOn;
        this.updatedOn = createdOn;
    }

    public Workspace workspace() {
        return workspace;
    }

    public String slug() {
        return slug;
    }

    /** A rename ({@link Store#rename}); the uuid stays. */
    void slug(String slug) {
        this.slug = slug;
    }

    public String fullName() {
        return workspace.slug() + "/" + slug;
    }

    public String name() {
        return name;
    }

    public String uuid() {
        return uuid;
    }

    public boolean isPrivate() {
        return isPrivate;
    }

    public Instant createdOn() {
        return createdOn;
    }

    public Instant updatedOn() {
        return updatedOn;
    }

    public String mainBranch() {
        return mainBranch;
    }

    /** A branch name or a (possibly abbreviated) commit hash, as a commit index; NONE when unknown. */
    public int resolve(String ref) {
        Integer head = branches().get(ref);
        return head != null ? head : commits().find(ref);
    }

    public CommitGraph commits() {
        return commits;
    }

    public NavigableMap<String, Integer> branches() {
        return branches;
    }

    /** Tags by name; written by the API's tag endpoints and the demo data. */
    public NavigableMap<String, Tag> tags() {
        return tags;
    }

    public NavigableMap<Integer, PullRequest> pullRequests() {
        return pullRequests;
    }

    public List<Hook> hooks() {
        return hooks;
    }

    public long version() {
        return version;
    }

    public void useGenerator(MessageGenerator messageGenerator) {
        this.generator = messageGenerator;
    }

    /** Renders the messages of generated commits (those whose {@link CommitGraph#message} is negative); may be null. */
    public MessageGenerator generator() {
        return generator;
    }

    /** The full commit message of commit {@code index}. */
    public String message(int index) {
        int m = commits.message(index);
        return m >= 0 ? messages.get(m) : generator.render(index);
    }

    /** Appends a commit with an explicit message (caller synchronises on this repository). */
    public int appendCommit(int p1, int p2, long epochSecond, int author, String message) {
        int msg = messages.add(message);
        return commits.append(newHash(p1, message, epochSecond), p1, p2, epochSecond, author, msg);
    }

    /** Appends a commit whose message {@link #generator} renders (caller synchronises on this repository). */
    public int appendGeneratedCommit(byte[] hash, int p1, int p2, long epochSecond, int author) {
        return commits.append(hash, p1, p2, epochSecond, author, -1);
    }

    private byte[] newHash(int parent, String message, long epochSecond) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        String seed = uuid + ":" + commits.size() + ":" + parent + ":" + epochSecond + ":" + message;
        return sha1.digest(seed.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha1(String seed) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        return sha1.digest(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** Records a ref or history change: bumps the version and forgets cached selections. */
    public void touch(Instant when) {
        version++;
        updatedOn = when;
        selections.clear();
    }

    public int nextPullRequestId() {
        return nextPullRequestId.getAndIncrement();
    }

    /**
     * The commits on {@code include} but not on {@code exclude} (git's {@code A B ^C}), cached per version:
     * paging through a 100,000-commit history then costs one walk, not one per page.
     */
    public BitSet selection(String query, int[] include, int[] exclude) {
        String cacheKey = version + "|" + query; // a selection computed for an older version is never reused
        BitSet cached = selections.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        BitSet stop = exclude.length == 0 ? null : commits.reachable(exclude, null);
        BitSet selected = commits.reachable(include, stop);
        if (selections.size() > 64) {
            selections.clear();
        }
        selections.put(cacheKey, selected);
        return selected;
    }
}
