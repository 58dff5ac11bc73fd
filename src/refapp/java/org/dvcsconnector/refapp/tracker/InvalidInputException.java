package org.dvcsconnector.refapp.tracker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dvcsconnector.spi.IssueOperationException;

/** Input the tracker refuses, with a message per field (Jira's {@code errors} map). */
public class InvalidInputException extends IssueOperationException {

    private final Map<String, String> errors;

    public InvalidInputException(String field, String message) {
        this(Map.of(field, message));
    }

    public InvalidInputException(Map<String, String> errors) {
        super(String.join(" ", errors.values()));
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
