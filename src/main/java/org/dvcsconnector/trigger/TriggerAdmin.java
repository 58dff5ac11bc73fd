package org.dvcsconnector.trigger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dvcsconnector.devevent.ActionJournal;
import org.dvcsconnector.devevent.ActionView;

/** What the admin page and REST do with triggers, the service user, strict mode, and the logs. */
public final class TriggerAdmin {

    public static final int LOG_ROWS = 200;

    private final TriggerRules rules;
    private final ServiceUser serviceUser;
    private final StrictMode strictMode;
    private final ActionJournal journal;

    public TriggerAdmin(TriggerRules rules, ServiceUser serviceUser, StrictMode strictMode, ActionJournal journal) {
        this.rules = rules;
        this.serviceUser = serviceUser;
        this.strictMode = strictMode;
        this.journal = journal;
    }

    public List<TriggerRule> rules() {
        return rules.all();
    }

    public Optional<TriggerRule> rule(int id) {
        return rules.get(id);
    }

    /** The transitions a rule may name, per project key and under {@code *} (the form's select). */
    public Map<String, List<String>> transitionsByProject() {
        return rules.transitionsByProject();
    }

    public TriggerRule add(TriggerRules.Input rule) {
        return rules.add(rule);
    }

    public Optional<TriggerRule> update(int id, TriggerRules.Input rule) {
        return rules.update(id, rule);
    }

    public boolean delete(int id) {
        return rules.delete(id);
    }

    public Optional<String> serviceUser() {
        return serviceUser.get();
    }

    public boolean setServiceUser(String username) {
        return serviceUser.set(username);
    }

    /** Whether every rule fires only when the actor is a user here (or the service user stands in). */
    public boolean strict() {
        return strictMode.isOn();
    }

    public void setStrict(boolean strict) {
        strictMode.set(strict);
    }

    /** The newest trigger outcomes (moved, skipped, failed). */
    public List<ActionView> log() {
        return journal.recent(ActionJournal.TRIGGER, LOG_ROWS);
    }

    /** The newest smart-commit commands that failed or were interrupted. */
    public List<ActionView> smartCommitErrors() {
        return journal.recent(ActionJournal.SMART_COMMIT, LOG_ROWS, "FAILED", "INTERRUPTED");
    }
}
