package org.dvcsconnector.web.rest;

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
        LOG.error("DVCS REST call failed", failure);
        return Response.serverError().type(MediaType.APPLICATION_JSON)
                .entity(Map.of("message", "Internal error; the server log has the details.")).build();
    }
}
