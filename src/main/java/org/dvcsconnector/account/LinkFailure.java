package org.dvcsconnector.account;

import java.util.Map;

/** Linking (or re-authorising) failed: field → what the administrator should fix. */
public final class LinkFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> errors;

    public LinkFailure(Map<String, String> errors) {
        super(String.join("; ", errors.values()));
        this.errors = Map.copyOf(errors);
    }

    public static LinkFailure of(String field, String message) {
        return new LinkFailure(Map.of(field, message));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
