package org.dvcsconnector.refapp.tracker.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.dvcsconnector.refapp.tracker.InvalidInputException;

/**
 * Reads request bodies ourselves (rather than binding entities) so that size limits, malformed JSON and
 * wrong field types all give clear Jira-shaped 400s whatever JSON provider the host registers.
 */
final class JsonBodies {

    /** Well above the largest valid body (a 32k-character description in 4-byte UTF-8 plus a summary). */
    static final int MAX_BODY_BYTES = 256 * 1024;

    private final ObjectMapper mapper;

    JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as a JSON object; 400 when it is empty, malformed or not an object, 413 when too large. */
    JsonNode object(InputStream body) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RestException(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    ErrorCollection.of("The request body is larger than " + MAX_BODY_BYTES / 1024 + " KB."));
        }
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw RestException.badRequest(TrackerExceptionMappers.describe(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw RestException.badRequest("A JSON request body is required.");
        }
        if (!node.isObject()) {
            throw RestException.badRequest("The request body must be a JSON object.");
        }
        return node;
    }

    /** A string field, or null when absent or JSON null; a field of another type is an input error. */
    static String text(JsonNode parent, String field, String errorKey) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(errorKey, "The field '" + field + "' must be a string.");
        }
        return value.textValue();
    }

    /** A string or number field as text (Jira accepts ids both ways). */
    static String idText(JsonNode parent, String field, String errorKey) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value != null && value.isIntegralNumber()) {
            return value.asText();
        }
        return text(parent, field, errorKey);
    }

    /** An object field, or null when absent; another type is an input error. */
    static JsonNode object(JsonNode parent, String field, String errorKey) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidInputException(errorKey, "The field '" + field + "' must be an object.");
        }
        return value;
    }
}
