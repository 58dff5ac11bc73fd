package org.dvcsconnector.trigger;

import java.util.List;
import java.util.Optional;
import org.dvcsconnector.devevent.ActionJournal;
import org.dvcsconnector.devevent.ActionView;

/** What the admin page and REST do with triggers, the service user, and the logs. */
public final class TriggerAdmin {

    public static final int LOG_ROWS = 200;

    private final TriggerRules rules;
    private final ServiceUser serviceUser;
    private final ActionJournal journal;

    public TriggerAdmin(TriggerRules rules, ServiceUser serviceUser, ActionJournal journal) {
        this.rules = rules;
        this.serviceUser = serviceUser;
        this.journal = journal;
    }

    public List<TriggerRule> rules() {
        return rules.all();
    }

    public TriggerRule add(String project, String event, String transition) {
        return rules.add(project, event, transition);
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

    /** The newest trigger outcomes (moved, skipped, failed). */
    public List<ActionView> log() {
        return journal.recent(ActionJournal.TRIGGER, LOG_ROWS);
    }

    /** The newest smart-commit commands that failed or were interrupted. */
    public List<ActionView> smartCommitErrors() {
        return journal.recent(ActionJournal.SMART_COMMIT, LOG_ROWS, "FAILED", "INTERRUPTED");
    }
}
