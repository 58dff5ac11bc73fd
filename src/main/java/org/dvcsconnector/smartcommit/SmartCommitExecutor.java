package org.dvcsconnector.smartcommit;

import java.time.Instant;
import java.util.List;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.devevent.ActionJournal.Result;
import org.dvcsconnector.devevent.ActionJournal;
import org.dvcsconnector.devevent.DevEventContext;
import org.dvcsconnector.devevent.DevEventHandler;
import org.dvcsconnector.spi.IssueOperationException;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;
import org.dvcsconnector.spi.PermissionService;
import org.dvcsconnector.spi.UserManager;
import org.dvcsconnector.spi.UserProfile;

/**
 * Runs the smart commits of a new commit (soft sync or webhook; repositories with smart commits on) as the one host
 * user whose e-mail is the author's, with that user's permissions, dated at the commit's time. Each command on each
 * issue is one journal action: an error is recorded and the rest still run. With the account's
 * <em>verified authors only</em> option, a commit whose author Bitbucket did not link to one of its accounts runs
 * nothing (each command is logged as failed, saying why): an author e-mail alone is whatever the pusher wrote.
 */
public final class SmartCommitExecutor implements DevEventHandler {

    /** The smart-commit log's reason when the account's verified-authors option stopped a commit's commands. */
    public static final String UNVERIFIED_AUTHOR = "Bitbucket has not linked the commit's author to one of its "
            + "accounts, and this DVCS account runs smart commits only for authors Bitbucket has verified: nothing was done";

    private final IssueService issues;
    private final UserManager users;
    private final PermissionService permissions;
    private final SmartCommitParser parser;

    public SmartCommitExecutor(IssueService issues, UserManager users, PermissionService permissions,
            SmartCommitParser parser) {
        this.issues = issues;
        this.users = users;
        this.permissions = permissions;
        this.parser = parser;
    }

    @Override
    public void handle(DevEventContext context, ActionJournal journal) {
        if (context.event().type() != DevEventType.COMMIT_CREATED || !context.smartCommits()) {
            return;
        }
        List<SmartCommand> commands = parser.parse(context.message()); // keys of existing projects only
        if (commands.isEmpty()) {
            return;
        }
        String email = context.event().actorEmail();
        String accountId = context.event().actorAccountId();
        boolean unverified = context.verifiedAuthorsOnly() && (accountId == null || accountId.isBlank());
        List<UserProfile> matches = unverified || email == null || email.isBlank() ? List.of()
                : users.findUsersByEmail(email);
        String user = matches.size() == 1 ? matches.get(0).username() : null;
        String problem = unverified ? UNVERIFIED_AUTHOR
                : email == null || email.isBlank() ? "The commit's author has no e-mail address"
                : matches.isEmpty() ? "No user has the commit author's e-mail " + email + ": nothing was done"
                : "Several users have the commit author's e-mail " + email + ": nothing was done";
        Instant at = context.event().occurredAt();
        int n = 0;
        for (SmartCommand command : commands) {
            for (String key : command.issueKeys()) {
                journal.once(context, new ActionJournal.Action(ActionJournal.SMART_COMMIT, "sc/" + n++, key, command.text()),
                        () -> user == null ? Result.failed(problem, null) : run(user, key, command.action(), at));
            }
        }
    }

    private Result run(String user, String key, SmartCommand.Action action, Instant at) {
        if (action instanceof SmartCommand.Invalid invalid) {
            return Result.failed(invalid.reason(), user);
        }
        if (issues.getIssue(key).isEmpty() || !permissions.canBrowseIssue(user, key)) {
            return Result.failed("No issue " + key + " that " + user + " may see", user);
        }
        try {
            if (action instanceof SmartCommand.Comment c) {
                issues.addComment(user, key, c.body(), at);
                return Result.done("Commented", user);
            }
            if (action instanceof SmartCommand.LogWork w) {
                issues.logWork(user, key, w.timeSpent(), w.comment().isEmpty() ? null : w.comment(), at);
                return Result.done("Logged " + w.timeSpent().toMinutes() + " minutes", user);
            }
            return transition(user, key, (SmartCommand.Transition) action);
        } catch (IssueOperationException e) {
            return Result.failed(e.getMessage(), user);
        }
    }

    private Result transition(String user, String key, SmartCommand.Transition t) {
        List<IssueTransition> available = issues.getTransitions(user, key);
        TransitionMatcher.Match match = TransitionMatcher.match(available, t.name());
        if (match.transition() == null) {
            return Result.failed(match.problem(), user);
        }
        issues.transition(user, key, match.transition().id(), t.comment().isEmpty() ? null : t.comment());
        return Result.done("Moved to " + match.transition().toStatus(), user);
    }
}
