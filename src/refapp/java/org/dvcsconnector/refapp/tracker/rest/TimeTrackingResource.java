package org.dvcsconnector.refapp.tracker.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dvcsconnector.refapp.tracker.InvalidInputException;
import org.dvcsconnector.refapp.tracker.TimeTracking;

/**
 * {@code GET|PUT /rest/api/2/configuration/timetracking/options}: the site's working time, in the shape of Jira's
 * (Cloud) REST of the same path. Any user may read it (work logs need it); only admins change it.
 */
@Path("configuration/timetracking/options")
@Produces(MediaType.APPLICATION_JSON)
public class TimeTrackingResource {

    /** Jira's body; {@code timeFormat} and {@code defaultUnit} are shown as Jira's defaults and not kept. */
    public record Options(BigDecimal workingHoursPerDay, BigDecimal workingDaysPerWeek, String timeFormat,
            String defaultUnit) {}

    private final Caller caller;
    private final TimeTracking timeTracking;
    private final JsonBodies bodies;

    TimeTrackingResource(Caller caller, TimeTracking timeTracking, JsonBodies bodies) {
        this.caller = caller;
        this.timeTracking = timeTracking;
        this.bodies = bodies;
    }

    @GET
    public Options get() {
        caller.require();
        return options();
    }

    /** {@code {workingHoursPerDay, workingDaysPerWeek}} (numbers; other fields ignored) → 200 with the settings. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Options set(InputStream body) {
        if (!caller.require().admin()) {
            throw new RestException(Response.Status.FORBIDDEN,
                    ErrorCollection.of("You must be a Jira administrator to change time tracking settings."));
        }
        JsonNode request = bodies.object(body);
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal hours = number(request, "workingHoursPerDay", errors);
        BigDecimal days = number(request, "workingDaysPerWeek", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        timeTracking.update(hours, days);
        return options();
    }

    private Options options() {
        return new Options(timeTracking.getHoursPerDay(), timeTracking.getDaysPerWeek(), "pretty", "minute");
    }

    private static BigDecimal number(JsonNode request, String field, Map<String, String> errors) {
        JsonNode value = request.get(field);
        if (value == null || !value.isNumber()) {
            errors.put(field, "The field '" + field + "' is required and must be a number.");
            return null;
        }
        return value.decimalValue();
    }
}
