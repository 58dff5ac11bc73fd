package org.dvcsconnector.refapp.tracker.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.List;
import org.dvcsconnector.refapp.tracker.Tracker;

/** Builds the {@code /rest/api/2} resources and providers, wired by constructor. */
public final class TrackerRest {

    private TrackerRest() {}

    public static List<Object> components(Tracker tracker) {
        ObjectMapper mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        Caller caller = new Caller(tracker.users());
        JiraJsonMapper json = new JiraJsonMapper(tracker.users(), tracker.timeTracking());
        JsonBodies bodies = new JsonBodies(mapper);
        return List.of(
                new MyselfResource(caller, json),
                new ProjectResource(caller, tracker.actions(), json),
                new IssueResource(caller, tracker.actions(), tracker.projects(), bodies, json),
                new IssueCommentResource(caller, tracker.actions(), bodies, json, tracker.clock()),
                new IssueWorklogResource(caller, tracker.actions(), bodies, json, tracker.timeTracking()),
                new TimeTrackingResource(caller, tracker.timeTracking(), bodies),
                new ObjectMapperResolver(mapper),
                new TrackerExceptionMappers.RestExceptionMapper(),
                new TrackerExceptionMappers.IssueOperationMapper(),
                new TrackerExceptionMappers.JsonProcessingMapper(),
                new TrackerExceptionMappers.ProcessingMapper(),
                new TrackerExceptionMappers.WebApplicationMapper(),
                new TrackerExceptionMappers.UnexpectedMapper());
    }

    /** Our Jackson configuration for the JSON provider the host registers (Jersey's JacksonFeature). */
    public static final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {

        private final ObjectMapper mapper;

        ObjectMapperResolver(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public ObjectMapper getContext(Class<?> type) {
            return mapper;
        }
    }
}
