package org.dvcsconnector.refapp.tracker;

import java.util.List;
import java.util.stream.Collectors;
import org.dvcsconnector.spi.IssueOperationException;

/** The requested transition does not leave the issue's current status. */
public class TransitionNotAvailableException extends IssueOperationException {

    public TransitionNotAvailableException(String issueKey, String status, String requested) {
        super("Transition '" + requested + "' is not available for " + issueKey + " in status '" + status
                + "'. Available transitions: " + describe(Workflow.availableFrom(status)) + ".");
    }

    private static String describe(List<Workflow.Transition> transitions) {
        if (transitions.isEmpty()) {
            return "none";
        }
        return transitions.stream().map(t -> t.id() + " (" + t.name() + ")").collect(Collectors.joining(", "));
    }
}
