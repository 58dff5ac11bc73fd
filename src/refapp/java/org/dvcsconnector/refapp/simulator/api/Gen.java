package org.dvcsconnector.refapp.simulator.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A JSON generator that consults a {@link Fields} selection before writing each field: the renderers
 * call it for every field and it writes only what the request asked for.
 */
public final class Gen {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private final JsonGenerator g;
    /** Webhook payloads differ slightly from API objects (e.g. {@code "type":"rendered"}, explicit nulls). */
    private final boolean webhook;

    public Gen(JsonGenerator g, boolean webhook) {
        this.g = g;
        this.webhook = webhook;
    }

    public JsonGenerator raw() {
        return g;
    }

    public boolean webhook() {
        return webhook;
    }

    public void str(Fields s, String name, String value) throws IOException {
        if (s.has(name)) {
            if (value == null) {
                g.writeNullField(name);
            } else {
                g.writeStringField(name, value);
            }
        }
    }

    public void num(Fields s, String name, long value) throws IOException {
        if (s.has(name)) {
            g.writeNumberField(name, value);
        }
    }

    public void bool(Fields s, String name, boolean value) throws IOException {
        if (s.has(name)) {
            g.writeBooleanField(name, value);
        }
    }

    public void nullField(Fields s, String name) throws IOException {
        if (s.has(name)) {
            g.writeNullField(name);
        }
    }

    /** Starts object field {@code name} if selected; the caller ends it with {@link #end()}. */
    public Fields obj(Fields s, String name) throws IOException {
        return obj(s, name, true);
    }

    public Fields obj(Fields s, String name, boolean isDefault) throws IOException {
        Fields c = s.field(name, isDefault);
        if (c != null) {
            g.writeObjectFieldStart(name);
        }
        return c;
    }

    public Fields arr(Fields s, String name, boolean isDefault) throws IOException {
        Fields c = s.field(name, isDefault);
        if (c != null) {
            g.writeArrayFieldStart(name);
        }
        return c;
    }

    public void end() throws IOException {
        g.writeEndObject();
    }

    public void endArray() throws IOException {
        g.writeEndArray();
    }

    public void link(Fields s, String name, String href) throws IOException {
        Fields c = s.field(name, true);
        if (c != null) {
            g.writeObjectFieldStart(name);
            str(c, "href", href);
            g.writeEndObject();
        }
    }

    public void strings(Fields s, String name, Iterable<String> values) throws IOException {
        if (s.has(name)) {
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    public static String seconds(long epochSecond) {
        return SECONDS.format(Instant.ofEpochSecond(epochSecond));
    }

    public static String micros(Instant instant) {
        return MICROS.format(instant);
    }
}
