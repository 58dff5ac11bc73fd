package org.dvcsconnector.refapp.tracker.rest;

import jakarta.ws.rs.core.Response;

/** A refusal with a Jira-shaped body; mapped by {@link TrackerExceptionMappers.RestExceptionMapper}. */
public class RestException extends RuntimeException {

    static final String NOT_AUTHENTICATED = "You are not authenticated.";
    static final String ISSUE_NOT_FOUND = "Issue Does Not Exist or you do not have permission to see it.";

    private final Response.Status status;
    private final ErrorCollection body;

    public RestException(Response.Status status, ErrorCollection body) {
        super(status + ": " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    public static RestException badRequest(String message) {
        return new RestException(Response.Status.BAD_REQUEST, ErrorCollection.of(message));
    }

    static RestException notAuthenticated() {
        return new RestException(Response.Status.UNAUTHORIZED, ErrorCollection.of(NOT_AUTHENTICATED));
    }

    static RestException issueNotFound() {
        return new RestException(Response.Status.NOT_FOUND, ErrorCollection.of(ISSUE_NOT_FOUND));
    }

    public Response.Status status() {
        return status;
    }

    public ErrorCollection body() {
        return body;
    }
}
