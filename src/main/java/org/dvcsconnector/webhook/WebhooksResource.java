package org.dvcsconnector.webhook;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.dvcsconnector.webhook.WebhookReceiver;

/**
 * {@code POST /rest/dvcs/1.0/webhooks/bitbucket}: Bitbucket's deliveries. Anonymous by design (Bitbucket
 * cannot log in): the HMAC signature over the raw body is the authentication, checked by the receiver.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    /** Far above Bitbucket's payloads (a push carries at most five commits per change). */
    static final int MAX_BODY = 5 * 1024 * 1024;

    private final WebhookReceiver receiver;

    public WebhooksResource(WebhookReceiver receiver) {
        this.receiver = receiver;
    }

    @POST
    @Path("/bitbucket")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response bitbucket(@HeaderParam("X-Event-Key") String event, @HeaderParam("X-Request-UUID") String requestUuid,
            @HeaderParam("X-Hub-Signature") String signature, InputStream body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            return answer(413, "The body is larger than " + MAX_BODY + " bytes.");
        }
        WebhookReceiver.Outcome outcome = receiver.receive(event, requestUuid, signature, bytes);
        return answer(outcome.status(), outcome.message());
    }

    private static Response answer(int status, String message) {
        String key = status >= 400 ? "error" : "message";
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of(key, message)).build();
    }
}
