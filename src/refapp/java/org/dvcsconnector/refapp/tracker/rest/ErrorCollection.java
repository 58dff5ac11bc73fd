package org.dvcsconnector.refapp.tracker.rest;

import java.util.List;
import java.util.Map;

/** Jira's error body: general messages plus a message per field. */
public record ErrorCollection(List<String> errorMessages, Map<String, String> errors) {

    public static ErrorCollection of(String message) {
        return new ErrorCollection(List.of(message), Map.of());
    }

    public static ErrorCollection ofFields(Map<String, String> errors) {
        return new ErrorCollection(List.of(), errors);
    }
}
