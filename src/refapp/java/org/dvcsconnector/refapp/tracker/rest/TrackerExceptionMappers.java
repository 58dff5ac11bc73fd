package org.dvcsconnector.refapp.tracker.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.dvcsconnector.refapp.tracker.InvalidInputException;
import org.dvcsconnector.refapp.tracker.IssueNotFoundException;
import org.dvcsconnector.spi.IssueOperationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure under {@code /rest/api/2} as Jira's {@code {errorMessages, errors}}; never a stack trace. */
public final class TrackerExceptionMappers {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerExceptionMappers.class);

    private TrackerExceptionMappers() {}

    static Response response(int status, ErrorCollection body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    /** What is wrong with the JSON and where, without echoing the input. */
    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return "The request body is not valid JSON" + where + ": " + e.getOriginalMessage();
    }

    public static final class RestExceptionMapper implements ExceptionMapper<RestException> {
        @Override
        public Response toResponse(RestException e) {
            return response(e.status().getStatusCode(), e.body());
        }
    }

    /** The tracker's refusals: bad fields 400, unknown or hidden issue 404 (one message for both), else 400. */
    public static final class IssueOperationMapper implements ExceptionMapper<IssueOperationException> {
        @Override
        public Response toResponse(IssueOperationException e) {
            if (e instanceof InvalidInputException invalid) {
                return response(400, ErrorCollection.ofFields(invalid.errors()));
            }
            if (e instanceof IssueNotFoundException) {
                return response(404, ErrorCollection.of(RestException.ISSUE_NOT_FOUND));
            }
            return response(400, ErrorCollection.of(e.getMessage()));
        }
    }

    public static final class JsonProcessingMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return response(400, ErrorCollection.of(describe(e)));
        }
    }

    /** Jersey's own failures to read or write an entity. */
    public static final class ProcessingMapper implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            if (e.getCause() instanceof JsonProcessingException json) {
                return response(400, ErrorCollection.of(describe(json)));
            }
            LOG.warn("REST request could not be processed", e);
            return response(400, ErrorCollection.of("The request could not be processed."));
        }
    }

    /** 404 for unknown paths, 405, 415 and the like, with the standard reason as the message. */
    public static final class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original.getStatus();
            if (status >= 500) {
                LOG.error("REST request failed", e);
            }
            String reason = original.getStatusInfo().getReasonPhrase();
            Response.ResponseBuilder builder = Response.fromResponse(original).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorCollection.of(reason == null ? "HTTP " + status : reason));
            return builder.build();
        }
    }

    /** Anything else is our bug: log it, tell the client only that it happened. */
    public static final class UnexpectedMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            LOG.error("Unexpected failure in /rest/api/2", e);
            return response(500, ErrorCollection.of("Internal server error; the server log has the details."));
        }
    }
}
