package org.dvcsconnector.devevent;

/** Reacts to an outbox event (smart commits, workflow triggers); each host call goes through the journal. */
@FunctionalInterface
public interface DevEventHandler {
    void handle(DevEventContext context, ActionJournal journal);
}
