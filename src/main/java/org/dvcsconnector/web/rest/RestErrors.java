package org.dvcsconnector.web.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** The plugin's REST errors: {@code {message}} or {@code {errors:{field:message}}}, never a stack trace. */
final class RestErrors {

    private RestErrors() {}

    static WebApplicationException badRequest(Map<String, String> errors) {
        return new WebApplicationException(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON).entity(Map.of("errors", errors)).build());
    }

    static WebApplicationException unauthorized() {
        return new WebApplicationException(Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON).entity(Map.of("message", "Log in first.")).build());
    }

    static WebApplicationException notFound(String message) {
        return new WebApplicationException(Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.APPLICATION_JSON).entity(Map.of("message", message)).build());
    }

    static WebApplicationException conflict(String message) {
        return new WebApplicationException(Response.status(Response.Status.CONFLICT)
                .type(MediaType.APPLICATION_JSON).entity(Map.of("message", message)).build());
    }

    /** A numeric id from the path, or 404 (an id that cannot exist names nothing). */
    static int id(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw notFound("There is nothing with the id \"" + value + "\".");
        }
    }

    /** A boolean query parameter: absent or blank is false, {@code true}/{@code false} (any case) as said, else a 400. */
    static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw badRequest(Map.of(name, "Use true or false."));
    }

    /** A {@code ?limit=} between 1 and {@code max}; absent means {@code fallback}; anything else is a 400. */
    static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badRequest(Map.of("limit", "Give a whole number from 1 to " + max + "."));
    }
}
