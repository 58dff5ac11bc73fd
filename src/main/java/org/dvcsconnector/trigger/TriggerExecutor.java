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
import org.dvcsconnector.spi.IssueActor;
import org.dvcsconnector.spi.IssueOperationException;
import org.dvcsconnector.spi.IssueRef;
import org.dvcsconnector.spi.IssueService;
import org.dvcsconnector.spi.IssueTransition;
import org.dvcsconnector.spi.UserManager;

/**
 * Fires the rules for an event: each linked issue whose status offers the rule's transition (name, ignoring case)
 * takes it as the {@link ActorResolver} decides (the mapped user, the service user, or the connector itself);
 * otherwise it is skipped, or fails, with the reason in the trigger log. Events older than {@value #MAX_AGE_DAYS}
 * days (by their own time) move nothing.
 */
public final class TriggerExecutor implements DevEventHandler {

    static final int MAX_AGE_DAYS = 14;

    private final TriggerRules rules;
    private final IssueService issues;
    private final ActorResolver actors;
    private final StrictMode strictMode;
    private final Clock clock;

    public TriggerExecutor(TriggerRules rules, IssueService issues, UserManager users, DevInfoStore devInfo,
            ServiceUser serviceUser, StrictMode strictMode, Clock clock) {
        this.rules = rules;
        this.issues = issues;
        this.actors = new ActorResolver(users, devInfo, serviceUser);
        this.strictMode = strictMode;
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
        ActorResolver.Acting acting = actors.resolve(context.event(), rule.strict() || strictMode.isOn());
        if (acting.refused()) {
            return Result.failed("Not moved: " + acting.why(), null);
        }
        IssueActor actor = acting.actor();
        String as = actor.label();
        String wanted = rule.transition().toLowerCase(Locale.ROOT);
        try {
            Optional<IssueTransition> transition = issues.getTransitions(actor, key).stream()
                    .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
            if (transition.isEmpty()) {
                return Result.skipped("Status " + issue.get().status() + " offers no transition " + rule.transition()
                        + " to " + as, as);
            }
            issues.transition(actor, key, transition.get().id(), null);
            return Result.done("Moved to " + transition.get().toStatus()
                    + (acting.why() == null ? "" : " " + why(actor, acting.why())), as);
        } catch (IssueOperationException e) {
            return Result.failed(e.getMessage(), as);
        }
    }

    /** Why it acted as whom it did, after "Moved to In Progress". */
    private static String why(IssueActor actor, String why) {
        return actor instanceof IssueActor.AsSystem ? "as " + actor.label() + ": " + why : why;
    }
}
