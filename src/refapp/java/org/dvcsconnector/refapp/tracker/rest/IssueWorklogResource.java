package org.dvcsconnector.refapp.tracker.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dvcsconnector.refapp.tracker.InvalidInputException;
import org.dvcsconnector.refapp.tracker.Issue;
import org.dvcsconnector.refapp.tracker.IssueActions;
import org.dvcsconnector.refapp.tracker.IssueDetails;
import org.dvcsconnector.refapp.tracker.TimeTracking;
import org.dvcsconnector.refapp.tracker.Worklog;

/** {@code /rest/api/2/issue/{key}/worklog}. */
@Path("issue/{issueIdOrKey}/worklog")
@Produces(MediaType.APPLICATION_JSON)
public class IssueWorklogResource {

    /** Jira sends {@code 2021-01-17T12:34:00.000+0000}; ISO forms with {@code +00:00} or {@code Z} work too. */
    private static final DateTimeFormatter STARTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss][.SSS][XXX][XX]", Locale.ROOT);
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d{1,9})\\s*([wdhm])\\s*");

    private final Caller caller;
    private final IssueActions actions;
    private final JsonBodies bodies;
    private final JiraJsonMapper json;
    private final TimeTracking timeTracking;

    IssueWorklogResource(Caller caller, IssueActions actions, JsonBodies bodies, JiraJsonMapper json,
            TimeTracking timeTracking) {
        this.caller = caller;
        this.actions = actions;
        this.bodies = bodies;
        this.json = json;
        this.timeTracking = timeTracking;
    }

    @GET
    public JiraJson.Worklogs list(@PathParam("issueIdOrKey") String keyOrId, @Context UriInfo uri) {
        String user = caller.require().username();
        IssueDetails details = actions.details(user, keyOrId).orElseThrow(RestException::issueNotFound);
        return JiraJson.Worklogs.of(
                details.worklogs().stream().map(w -> json.worklog(w, details.issue(), uri)).toList());
    }

    /** {@code {timeSpentSeconds | timeSpent:"1h 30m", comment?, started?}} → 201 with the work log. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("issueIdOrKey") String keyOrId, InputStream body, @Context UriInfo uri) {
        String user = caller.require().username();
        JsonNode request = bodies.object(body);
        long seconds = timeSpentSeconds(request);
        String comment = JsonBodies.text(request, "comment", "comment");
        Instant started = started(JsonBodies.text(request, "started", "started"));
        Worklog worklog = actions.logWork(user, keyOrId, seconds, comment, started);
        Issue issue = actions.findBrowsableByKeyOrId(user, keyOrId).orElseThrow(RestException::issueNotFound);
        JiraJson.WorklogJson created = json.worklog(worklog, issue, uri);
        return Response.created(URI.create(created.self())).entity(created).build();
    }

    private long timeSpentSeconds(JsonNode request) {
        JsonNode seconds = request.get("timeSpentSeconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.canConvertToLong() || !seconds.isIntegralNumber()) {
                throw new InvalidInputException("timeLogged", "timeSpentSeconds must be a whole number of seconds.");
            }
            return seconds.longValue();
        }
        String text = JsonBodies.text(request, "timeSpent", "timeLogged");
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("timeLogged", "You must indicate the time spent working.");
        }
        return parseDuration(text, timeTracking);
    }

    /** Jira's duration syntax, e.g. {@code "1w 2d 3h 30m"}; days and weeks by the site's working time. */
    static long parseDuration(String text, TimeTracking timeTracking) {
        Matcher matcher = DURATION.matcher(text);
        long total = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            total += timeTracking.seconds(Long.parseLong(matcher.group(1)), matcher.group(2).charAt(0));
            end = matcher.end();
        }
        if (end == 0 || end != text.length()) {
            throw new InvalidInputException("timeLogged", "Invalid time duration entered: '" + text
                    + "' (use e.g. '1h 30m': w, d, h, m).");
        }
        return total;
    }

    private static Instant started(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip(), STARTED).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("started",
                    "started must be a date-time with an offset, e.g. 2024-05-01T09:30:00.000+0000.");
        }
    }
}
