package org.dvcsconnector.web.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A JSON request body, read only after the permission check (resources take the raw stream, so Jersey parses
 * nothing for a caller who may not call them) and strictly: booleans only {@code true}/{@code false}, strings only
 * strings, no unknown fields, no duplicate fields. Every violation is a 400 {@code {errors:{field: message}}}.
 */
final class RestJson {

    /** A body larger than this is refused unread (the plugin's admin bodies are a few hundred bytes). */
    static final int MAX_BODY = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode body;
    private final Map<String, String> errors = new LinkedHashMap<>();

    private RestJson(JsonNode body) {
        this.body = body;
    }

    /** The body as a JSON object with only the given fields (an empty body is an empty object), or a 400. */
    static RestJson object(InputStream in, Set<String> fields) {
        JsonNode node;
        try {
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw RestErrors.badRequest(Map.of("body", "The request body is larger than " + MAX_BODY + " bytes."));
            }
            node = bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()
                    ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw RestErrors.badRequest(Map.of("body", "The request body is not valid JSON" + where + "."));
        } catch (IOException e) {
            throw RestErrors.badRequest(Map.of("body", "The request body could not be read."));
        }
        if (node == null || node.isNull()) {
            node = JSON.createObjectNode();
        }
        if (!node.isObject()) {
            throw RestErrors.badRequest(Map.of("body", "The request body must be a JSON object."));
        }
        RestJson json = new RestJson(node);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                json.errors.put(name, "Unknown field; expected one of " + String.join(", ", new java.util.TreeSet<>(fields)) + ".");
            }
        }
        return json;
    }

    /** {@code true}, {@code false}, or null when absent or JSON null; anything else is an error for the field. */
    Boolean bool(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            errors.put(field, "Must be true or false.");
            return null;
        }
        return value.booleanValue();
    }

    /**
     * A whole number, or null when absent or JSON null; anything else (a fraction, a string, a number beyond an
     * {@code int}) is an error for the field.
     */
    Integer integer(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.put(field, "Must be a whole number.");
            return null;
        }
        return value.intValue();
    }

    /** Whether the body names the field (even as null: "back to the default"). */
    boolean has(String field) {
        return body.has(field);
    }

    /** A string, or null when absent or JSON null; anything else is an error for the field. */
    String string(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.put(field, "Must be a string.");
            return null;
        }
        return value.textValue();
    }

    /** Throws the 400 naming every field that was wrong; call after reading the fields. */
    RestJson check() {
        if (!errors.isEmpty()) {
            throw RestErrors.badRequest(Map.copyOf(errors));
        }
        return this;
    }
}
