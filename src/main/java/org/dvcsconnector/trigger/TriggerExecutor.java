package org.dvcsconnector.trigger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dvcsconnector.devevent.ActionJournal;
import org.dvcsconnector.devevent.ActionJournal.Result;
import org.dvcsconnector.devevent.DevEventContext;
import org.dvcsconnector.devevent.DevEventHandler;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.spi.IssueOperationException;
import org.dvcsconnector.spi.IssueRef;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;
import org.dvcsconnector.spi.UserManager;

/**
 * Fires the rules for an event: each linked issue whose status offers the rule's transition (name, ignoring case)
 * takes it as the event's actor or the service user; otherwise it is skipped with the reason in the trigger log.
 * Events older than {@value #MAX_AGE_DAYS} days (by their own time) move nothing.
 */
public final class TriggerExecutor implements DevEventHandler {

    static final int MAX_AGE_DAYS = 14;

    private final TriggerRules rules;
    private final IssueService issues;
    private final ActorResolver actors;
    private final Clock clock;

    public TriggerExecutor(TriggerRules rules, IssueService issues, UserManager users, DevInfoStore devInfo,
            ServiceUser serviceUser, Clock clock) {
        this.rules = rules;
        this.issues = issues;
        this.actors = new ActorResolver(users, devInfo, serviceUser);
        this.clock = clock;
    }

    @Override
    public void handle(DevEventContext context, ActionJournal journal) {
        List<TriggerRule> all = rules.all();
        if (all.isEmpty()) {
            return;
        }
        for (String key : context.event().issueKeys()) {
            String project = key.substring(0, key.lastIndexOf('-'));
            rules.ruleFor(all, project, context.event().type()).ifPresent(rule -> journal.once(context,
                    new ActionJournal.Action(ActionJournal.TRIGGER, "tr/" + key, key, rule.transition()),
                    () -> fire(context, key, rule)));
        }
    }

    private Result fire(DevEventContext context, String key, TriggerRule rule) {
        if (context.event().occurredAt().isBefore(clock.instant().minus(Duration.ofDays(MAX_AGE_DAYS)))) {
            return Result.skipped("The event is older than " + MAX_AGE_DAYS + " days", null);
        }
        Optional<IssueRef> issue = issues.getIssue(key);
        if (issue.isEmpty()) {
            return Result.skipped("No issue " + key, null);
        }
        Optional<String> actor = actors.resolve(context.event());
        if (actor.isEmpty()) {
            return Result.failed("The event's actor is no host user and no service user is set", null);
        }
        String wanted = rule.transition().toLowerCase(Locale.ROOT);
        Optional<IssueTransition> transition = issues.getTransitions(actor.get(), key).stream()
                .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
        if (transition.isEmpty()) {
            return Result.skipped("Status " + issue.get().status() + " offers no transition " + rule.transition()
                    + " to " + actor.get(), actor.get());
        }
        try {
            issues.transition(actor.get(), key, transition.get().id(), null);
            return Result.done("Moved to " + transition.get().toStatus(), actor.get());
        } catch (IssueOperationException e) {
            return Result.failed(e.getMessage(), actor.get());
        }
    }
}
