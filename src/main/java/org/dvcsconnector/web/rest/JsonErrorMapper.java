package org.dvcsconnector.web.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure of the plugin's REST as JSON {@code {message}}; never a stack trace. */
@Provider
public class JsonErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            Response response = web.getResponse();
            if (response.hasEntity()) {
                return response;
            }
            String reason = response.getStatusInfo().getReasonPhrase();
            return Response.status(response.getStatus()).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("message", reason)).build();
        }
        if (failure instanceof JsonProcessingException json) {
            // Malformed JSON or a value of the wrong type: say where, without echoing the body.
            String where = json.getLocation() == null ? ""
                    : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
            String field = json instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? mapping.getPath().get(mapping.getPath().size() - 1).getFieldName() : null;
            String message = field == null ? "The request body is not valid JSON" + where + "."
                    : "\"" + field + "\" has a value of the wrong type" + where + ".";
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("message", message, "errors", Map.of(field == null ? "body" : field, message))).build();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.charset.UnsupportedCharsetException
                    || cause instanceof java.nio.charset.IllegalCharsetNameException) {
                // A client's mistake, not ours: no stack trace, and the charset is not echoed.
                LOG.debug("DVCS REST call with an unsupported charset refused");
                return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).type(MediaType.APPLICATION_JSON)
                        .entity(Map.of("message", "The Content-Type names a charset this server does not support; use UTF-8."))
                        .build();
            }
        }
        LOG.error("DVCS REST call failed", failure);
        return Response.serverError().type(MediaType.APPLICATION_JSON)
                .entity(Map.of("message", "Internal error; the server log has the details.")).build();
    }
}
