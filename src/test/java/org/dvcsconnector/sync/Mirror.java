package org.dvcsconnector.sync;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.devinfo.BranchEntity;
import org.dvcsconnector.devinfo.CommitBranchEntity;
import org.dvcsconnector.devinfo.CommitEntity;
import org.dvcsconnector.devinfo.IssueLinkEntity;
import org.dvcsconnector.devinfo.PullRequestEntity;
import org.dvcsconnector.refapp.simulator.model.CommitGraph;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.spi.ActiveObjects;

/**
 * One repository's data as sets of comparable strings, read either from the simulator's own model (what
 * Bitbucket has) or from the plugin's tables (what was synced). Lists keep duplicates visible: a row stored
 * twice makes the stored side's list longer than its set.
 */
record Mirror(Set<String> commits, Map<String, String> branches, Set<String> membership, Map<Long, String> pullRequests,
        Set<String> links, int storedRows) {

    /** For links: DEMO keys as the documented rules find them, written independently of the scanner. */
    private static final Pattern DEMO_KEY = Pattern.compile("(?<![\\p{L}\\p{Nd}])(?i:demo)-(\\d{1,9})(?![\\p{L}\\p{Nd}])");

    static Mirror expected(Repository r) {
        CommitGraph graph = r.commits();
        Map<String, String> branches = new TreeMap<>();
        Set<String> membership = new HashSet<>();
        Set<String> links = new HashSet<>();
        int[] heads = r.branches().values().stream().mapToInt(Integer::intValue).toArray();
        r.branches().forEach((name, head) -> {
            branches.put(name, graph.hashHex(head));
            BitSet on = graph.reachable(new int[] {head}, null);
            // memberships and links name a branch by its key (the name itself unless longer than 450 characters)
            on.stream().forEach(i -> membership.add(graph.hashHex(i) + " " + StoredText.key(name)));
            keys(name).forEach(k -> links.add("BRANCH " + StoredText.key(name) + " " + k));
        });
        Set<String> commits = new HashSet<>();
        graph.reachable(heads, null).stream().forEach(i -> {
            String hash = graph.hashHex(i);
            commits.add(hash);
            keys(r.message(i)).forEach(k -> links.add("COMMIT " + hash + " " + k));
        });
        Map<Long, String> prs = new TreeMap<>();
        for (PullRequest pr : r.pullRequests().values()) {
            prs.put((long) pr.id(), pr.state() + " " + pr.title());
            keys(pr.title()).forEach(k -> links.add("PULL_REQUEST " + pr.id() + " " + k));
            keys(pr.sourceBranch()).forEach(k -> links.add("PULL_REQUEST " + pr.id() + " " + k));
        }
        return new Mirror(commits, branches, membership, prs, links, -1);
    }

    static Mirror stored(ActiveObjects ao, int repositoryId) {
        Set<String> commits = new HashSet<>();
        int rows = 0;
        for (CommitEntity c : ao.find(CommitEntity.class, "REPOSITORY_ID = ?", repositoryId)) {
            commits.add(c.getHash());
            rows++;
        }
        Map<String, String> branches = new TreeMap<>();
        for (BranchEntity b : ao.find(BranchEntity.class, "REPOSITORY_ID = ?", repositoryId)) {
            branches.put(StoredText.shown(b.getName(), b.getFullName()), b.getHeadHash());
        }
        Set<String> membership = new HashSet<>();
        for (CommitBranchEntity cb : ao.find(CommitBranchEntity.class, "REPOSITORY_ID = ?", repositoryId)) {
            membership.add(cb.getCommitHash() + " " + cb.getBranchName());
            rows++;
        }
        Map<Long, String> prs = new TreeMap<>();
        for (PullRequestEntity pr : ao.find(PullRequestEntity.class, "REPOSITORY_ID = ?", repositoryId)) {
            prs.put(pr.getRemoteId(), pr.getState() + " " + pr.getTitle());
            rows++;
        }
        Set<String> links = new HashSet<>();
        for (IssueLinkEntity l : ao.find(IssueLinkEntity.class, "REPOSITORY_ID = ?", repositoryId)) {
            links.add(l.getKind() + " " + l.getTarget() + " " + l.getIssueKey());
            rows++;
        }
        return new Mirror(commits, branches, membership, prs, links, rows);
    }

    /** Asserts {@code stored} equals {@code expected} part by part, showing what is missing or extra. */
    static void assertMirrors(Mirror stored, Mirror expected) {
        org.assertj.core.api.Assertions.assertThat(stored.commits()).as("commits").containsExactlyInAnyOrderElementsOf(expected.commits());
        org.assertj.core.api.Assertions.assertThat(stored.branches()).as("branches").isEqualTo(expected.branches());
        org.assertj.core.api.Assertions.assertThat(stored.membership()).as("commit on branch").containsExactlyInAnyOrderElementsOf(expected.membership());
        org.assertj.core.api.Assertions.assertThat(stored.pullRequests()).as("pull requests").isEqualTo(expected.pullRequests());
        org.assertj.core.api.Assertions.assertThat(stored.links()).as("issue links").containsExactlyInAnyOrderElementsOf(expected.links());
        org.assertj.core.api.Assertions.assertThat(stored.storedRows()).as("no duplicate rows").isEqualTo(stored.distinctRows());
    }

    /** Rows that distinct sets account for: equal to {@link #storedRows} when nothing is duplicated. */
    int distinctRows() {
        return commits.size() + membership.size() + pullRequests.size() + links.size();
    }

    private static Set<String> keys(String text) {
        Set<String> keys = new HashSet<>();
        if (text != null) {
            Matcher m = DEMO_KEY.matcher(text);
            while (m.find()) {
                keys.add("DEMO-" + m.group(1));
            }
        }
        return keys;
    }
}
