package org.dvcsconnector.web.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Optional;
import org.dvcsconnector.devinfo.DevInfoService;
import org.dvcsconnector.spi.UserManager;

/**
 * {@code /rest/dvcs/1.0/devinfo/{issueKey}}: what the issue view's development panel shows. Anonymous callers get
 * 401; an issue the caller may not browse answers exactly like one that does not exist (404, same body).
 */
@Path("/devinfo")
@Produces(MediaType.APPLICATION_JSON)
public class DevInfoResource {

    static final String NOT_FOUND = "Issue does not exist or you do not have permission to see it.";

    private final UserManager userManager;
    private final DevInfoService devInfo;

    public DevInfoResource(UserManager userManager, DevInfoService devInfo) {
        this.userManager = userManager;
        this.devInfo = devInfo;
    }

    @GET
    @Path("/{issueKey}/summary")
    public Response summary(@PathParam("issueKey") String issueKey) {
        return answer(devInfo.summary(user(), key(issueKey)));
    }

    @GET
    @Path("/{issueKey}")
    public Response detail(@PathParam("issueKey") String issueKey) {
        return answer(devInfo.detail(user(), key(issueKey)));
    }

    /**
     * Issue keys are upper case where they are stored (the extractor keeps keys of existing projects as the project
     * key spells them); the host, like Jira, finds an issue by its key in any case. So {@code demo-1} is read as
     * {@code DEMO-1}, not answered 200 with empty data.
     */
    static String key(String issueKey) {
        return issueKey == null ? null : issueKey.toUpperCase(Locale.ROOT);
    }

    private String user() {
        // The name is enough: the host's permission check knows whether that user (still) may browse the issue.
        return userManager.getRemoteUsername().orElseThrow(() -> RestErrors.unauthorized());
    }

    private static Response answer(Optional<?> body) {
        // Per user and changing with every push: browsers may keep it, but must ask again each time.
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setNoCache(true);
        return body.map(b -> Response.ok(b).cacheControl(cache).build())
                .orElseThrow(() -> RestErrors.notFound(NOT_FOUND));
    }
}
