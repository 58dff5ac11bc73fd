package org.dvcsconnector.refapp.simulator.control;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.CommitGraph;
import org.dvcsconnector.refapp.simulator.model.People;
import org.dvcsconnector.refapp.simulator.model.Participant;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.User;
import org.dvcsconnector.refapp.simulator.webhook.Payloads;
import org.dvcsconnector.refapp.simulator.webhook.WebhookDispatcher;

/**
 * What people do in Bitbucket (push commits, create and delete branches, open, merge, decline and edit
 * pull requests), applied to the model under the repository's lock, each firing the webhooks Bitbucket
 * would fire once the change is made.
 */
public final class ScmOperations {

    /** The account that acts when a control call names none (the demo workspace's admin). */
    public static final String DEFAULT_ACTOR = "acme-admin";

    private final People people;
    private final Payloads payloads;
    private final WebhookDispatcher webhooks;
    private final Clock clock;

    public ScmOperations(People people, Payloads payloads, WebhookDispatcher webhooks, Clock clock) {
        this.people = people;
        this.payloads = payloads;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Commits on {@code branch} (created from the main branch if new); fires repo:push and pullrequest:updated. */
    public int commit(Repository r, String branch, String message, String authorName, String authorEmail) {
        requireText(branch, "branch");
        requireText(message, "message");
        requireText(authorEmail, "authorEmail");
        String name = authorName == null || authorName.isBlank() ? authorEmail : authorName;
        int author = people.authorId(name, authorEmail);
        Instant now = clock.instant();
        int old;
        int index;
        List<PullRequest> updated = new ArrayList<>();
        synchronized (r) {
            Integer head = r.branches().get(branch);
            old = head == null ? CommitGraph.NONE : head;
            Integer main = r.branches().get(r.mainBranch());
            int parent = head != null ? head : main != null ? main : CommitGraph.NONE;
            index = r.appendCommit(parent, CommitGraph.NONE, now.getEpochSecond(), author, message);
            r.branches().put(branch, index);
            r.touch(now);
            for (PullRequest pr : r.pullRequests().values()) {
                if (pr.state().equals(PullRequest.OPEN) && pr.sourceBranch().equals(branch)) {
                    PullRequest next = pr.withCommits(index, pr.destinationCommit(), now);
                    r.pullRequests().put(pr.id(), next);
                    updated.add(next);
                }
            }
        }
        User actor = people.userByEmail(authorEmail).orElseGet(() -> actor(null));
        push(r, actor, new Payloads.Change(branch, old, index, pushed(r, index, old), false));
        for (PullRequest pr : updated) {
            webhooks.fire(r, "pullrequest:updated", payloads.pullRequest(r, actor, pr));
        }
        return index;
    }

    public int createBranch(Repository r, String name, String from, String actorName) {
        requireText(name, "name");
        int head;
        synchronized (r) {
            if (r.branches().containsKey(name)) {
                throw new HttpError(409, "Branch \"" + name + "\" already exists in " + r.fullName());
            }
            head = resolve(r, from == null || from.isBlank() ? r.mainBranch() : from);
            r.branches().put(name, head);
            r.touch(clock.instant());
        }
        push(r, actor(actorName), new Payloads.Change(name, CommitGraph.NONE, head, List.of(), false));
        return head;
    }

    public void deleteBranch(Repository r, String name, String actorName) {
        int old;
        synchronized (r) {
            if (name.equals(r.mainBranch())) {
                throw HttpError.badRequest("The main branch \"" + name + "\" cannot be deleted");
            }
            Integer head = r.branches().remove(name);
            if (head == null) {
                throw HttpError.notFound("Branch \"" + name + "\" not found in " + r.fullName());
            }
            old = head;
            r.touch(clock.instant());
        }
        push(r, actor(actorName), new Payloads.Change(name, old, CommitGraph.NONE, List.of(), false));
    }

    public PullRequest openPullRequest(Repository r, String title, String source, String destination,
                                       String description, String authorName, boolean closeSourceBranch) {
        return openPullRequest(r, title, source, destination, description, authorName, closeSourceBranch, List.of());
    }

    /** Opens a pull request with these reviewers (usernames); fires pullrequest:created. */
    public PullRequest openPullRequest(Repository r, String title, String source, String destination,
                                       String description, String authorName, boolean closeSourceBranch,
                                       List<String> reviewers) {
        requireText(title, "title");
        requireText(source, "source");
        String dest = destination == null || destination.isBlank() ? r.mainBranch() : destination;
        User author = actor(authorName);
        Instant now = clock.instant();
        PullRequest pr;
        synchronized (r) {
            Integer src = r.branches().get(source);
            Integer dst = r.branches().get(dest);
            if (src == null || dst == null) {
                throw HttpError.badRequest("Branch \"" + (src == null ? source : dest) + "\" not found in " + r.fullName());
            }
            if (source.equals(dest)) {
                throw HttpError.badRequest("The source and destination branches must differ");
            }
            pr = new PullRequest(r.nextPullRequestId(), title, description == null ? "" : description,
                    PullRequest.OPEN, source, src, dest, dst, CommitGraph.NONE, author.username(), null, "",
                    closeSourceBranch, now, now, reviewers.stream()
                            .map(u -> new Participant(actor(u).username(), Participant.REVIEWER, null, null)).toList());
            r.pullRequests().put(pr.id(), pr);
        }
        webhooks.fire(r, "pullrequest:created", payloads.pullRequest(r, author, pr));
        return pr;
    }

    /** Merges with a merge commit on the destination; fires repo:push then pullrequest:fulfilled. */
    public PullRequest merge(Repository r, int id, String actorName, String message) {
        User actor = actor(actorName);
        Instant now = clock.instant();
        PullRequest merged;
        int oldDest;
        int mergeCommit;
        boolean deleteSource;
        synchronized (r) {
            PullRequest pr = open(r, id);
            Integer dst = r.branches().get(pr.destinationBranch());
            Integer src = r.branches().get(pr.sourceBranch());
            if (dst == null || src == null) {
                throw HttpError.badRequest("A branch of pull request #" + id + " no longer exists");
            }
            oldDest = dst;
            String text = message != null && !message.isBlank() ? message
                    : "Merged in " + pr.sourceBranch() + " (pull request #" + id + ")\n\n" + pr.title();
            mergeCommit = r.appendCommit(dst, src, now.getEpochSecond(),
                    people.authorId(actor.displayName(), actor.email()), text);
            r.branches().put(pr.destinationBranch(), mergeCommit);
            deleteSource = pr.closeSourceBranch();
            if (deleteSource) {
                r.branches().remove(pr.sourceBranch());
            }
            r.touch(now);
            merged = pr.withCommits(src, dst, now).withState(PullRequest.MERGED, mergeCommit, actor.username(), "", now);
            r.pullRequests().put(id, merged);
        }
        List<Payloads.Change> changes = new ArrayList<>();
        changes.add(new Payloads.Change(merged.destinationBranch(), oldDest, mergeCommit,
                pushed(r, mergeCommit, oldDest), false));
        if (deleteSource) {
            changes.add(new Payloads.Change(merged.sourceBranch(), merged.sourceCommit(), CommitGraph.NONE, List.of(), false));
        }
        webhooks.fire(r, "repo:push", payloads.push(r, actor, changes));
        webhooks.fire(r, "pullrequest:fulfilled", payloads.pullRequest(r, actor, merged));
        return merged;
    }

    public PullRequest decline(Repository r, int id, String actorName, String reason) {
        User actor = actor(actorName);
        PullRequest declined;
        synchronized (r) {
            PullRequest pr = open(r, id);
            declined = pr.withState(PullRequest.DECLINED, CommitGraph.NONE, actor.username(),
                    reason == null ? "" : reason, clock.instant());
            r.pullRequests().put(id, declined);
        }
        webhooks.fire(r, "pullrequest:rejected", payloads.pullRequest(r, actor, declined));
        return declined;
    }

    /** {@code username} approves the open pull request (or withdraws the approval); fires pullrequest:(un)approved. */
    public PullRequest approve(Repository r, int id, String username, boolean approve) {
        return review(r, id, username, Participant.APPROVED, approve);
    }

    /**
     * {@code username} requests changes on the open pull request (or withdraws the request); fires
     * pullrequest:changes_request_created (or _removed).
     */
    public PullRequest requestChanges(Repository r, int id, String username, boolean request) {
        return review(r, id, username, Participant.CHANGES_REQUESTED, request);
    }

    /** The participant record of {@code username} on the pull request (after a review). */
    public Participant participant(PullRequest pr, String username) {
        return pr.participants().stream().filter(p -> p.username().equals(username)).findFirst().orElseThrow();
    }

    private PullRequest review(Repository r, int id, String username, String state, boolean give) {
        User actor = actor(username);
        Instant now = clock.instant();
        PullRequest next;
        Instant reviewDate; // as Bitbucket: the review's own date, which is the new updated_on when giving it
        synchronized (r) {
            PullRequest pr = open(r, id);
            Participant before = pr.participants().stream().filter(p -> p.username().equals(actor.username()))
                    .findFirst().orElse(null);
            reviewDate = give || before == null || !state.equals(before.state()) || before.participatedOn() == null
                    ? now : before.participatedOn();
            String after = give ? state : before != null && !state.equals(before.state()) ? before.state() : null;
            next = pr.withReview(actor.username(), after, now);
            r.pullRequests().put(id, next);
        }
        boolean approval = Participant.APPROVED.equals(state);
        String event = approval ? (give ? "pullrequest:approved" : "pullrequest:unapproved")
                : (give ? "pullrequest:changes_request_created" : "pullrequest:changes_request_removed");
        webhooks.fire(r, event, payloads.review(r, actor, next, approval ? "approval" : "changes_request", reviewDate));
        return next;
    }

    /** Edits title/description, or reopens a declined pull request ({@code state: "OPEN"}); fires pullrequest:updated. */
    public PullRequest update(Repository r, int id, String title, String description, String state, String actorName) {
        User actor = actor(actorName);
        Instant now = clock.instant();
        PullRequest next;
        synchronized (r) {
            PullRequest pr = r.pullRequests().get(id);
            if (pr == null) {
                throw HttpError.notFound("Pull request #" + id + " not found in " + r.fullName());
            }
            next = pr.withContent(title == null ? pr.title() : title, description == null ? pr.description() : description, now);
            if (PullRequest.OPEN.equals(state) && pr.state().equals(PullRequest.DECLINED)) {
                next = next.withState(PullRequest.OPEN, CommitGraph.NONE, null, "", now);
            } else if (state != null && !state.equals(pr.state())) {
                throw HttpError.badRequest("Only a declined pull request can be reopened (state: OPEN)");
            } else if (!pr.state().equals(PullRequest.OPEN)) {
                throw HttpError.badRequest("Only open pull requests can be changed");
            }
            r.pullRequests().put(id, next);
        }
        webhooks.fire(r, "pullrequest:updated", payloads.pullRequest(r, actor, next));
        return next;
    }

    private void push(Repository r, User actor, Payloads.Change change) {
        webhooks.fire(r, "repo:push", payloads.push(r, actor, List.of(change)));
    }

    /** The new commits of a push, newest first, one more than a payload holds (so it knows to truncate). */
    private static List<Integer> pushed(Repository r, int newHead, int oldHead) {
        CommitGraph g = r.commits();
        BitSet stop = oldHead < 0 ? null : g.reachable(new int[] {oldHead}, null);
        BitSet fresh = g.reachable(new int[] {newHead}, stop);
        List<Integer> out = new ArrayList<>();
        for (int i = fresh.previousSetBit(fresh.length() - 1); i >= 0 && out.size() <= Payloads.MAX_PUSH_COMMITS;
                i = i == 0 ? -1 : fresh.previousSetBit(i - 1)) {
            out.add(i);
        }
        return out;
    }

    private static PullRequest open(Repository r, int id) {
        PullRequest pr = r.pullRequests().get(id);
        if (pr == null) {
            throw HttpError.notFound("Pull request #" + id + " not found in " + r.fullName());
        }
        if (!pr.state().equals(PullRequest.OPEN)) {
            throw HttpError.badRequest("Pull request #" + id + " is " + pr.state() + ", not OPEN");
        }
        return pr;
    }

    static int resolve(Repository r, String ref) {
        int index = r.resolve(ref);
        if (index == CommitGraph.NONE) {
            throw HttpError.badRequest("No branch or commit \"" + ref + "\" in " + r.fullName());
        }
        return index;
    }

    User actor(String username) {
        if (username != null && !username.isBlank()) {
            return people.user(username).orElseThrow(() -> HttpError.badRequest("Unknown user \"" + username + "\""));
        }
        return people.user(DEFAULT_ACTOR).orElseThrow(() -> new IllegalStateException("no default actor"));
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw HttpError.badRequest(field + " is required");
        }
    }
}
