package org.dvcsconnector.refapp.web.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** JSON as every REST application of the host speaks it: Jackson, ISO-8601 dates, unknown fields ignored. */
public final class JsonSupport {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonSupport() {}

    /** Gives Jersey's Jackson provider the host's mapper (a class, so Jersey can read its type argument). */
    @Provider
    public static final class MapperResolver implements ContextResolver<ObjectMapper> {
        @Override
        public ObjectMapper getContext(Class<?> type) {
            return MAPPER;
        }
    }

    /** A resource config with JSON support; errors are left to the application's own exception mappers. */
    public static ResourceConfig resourceConfig() {
        ResourceConfig config = new ResourceConfig();
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(MapperResolver.class);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        return config;
    }
}
