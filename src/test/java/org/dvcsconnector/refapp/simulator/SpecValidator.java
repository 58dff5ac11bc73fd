package org.dvcsconnector.refapp.simulator;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dvcsconnector.testing.BitbucketFixtures;

/**
 * Checks simulator exchanges against Bitbucket's published description, {@code openapi.json} on the test
 * class path ({@link BitbucketFixtures#openApi()})
 * (loaded once: parsing 193 paths takes a few seconds). The whitelist is narrow, each entry for a reason:
 *
 * <ul>
 *   <li>{@code validation.response.status.unknown} for 400, 401, 403, 404, 410, 429 and 5xx: the spec leaves bad-request, auth,
 *       rate-limit and server failures out of most operations, though Bitbucket sends them. Their bodies are
 *       still checked to be the spec's {@code error} shape.</li>
 *   <li>{@code validation.response.body.schema.required} when the request had {@code fields=}: a partial
 *       response omits {@code type}, which the spec's {@code object} base marks required (the narrative's own
 *       examples of partial responses have no {@code type} either); likewise {@code uniqueItems}, as trimmed
 *       items can become equal.</li>
 *   <li>{@code validation.request.security.*} for requests a test sends without credentials on purpose.</li>
 *   <li>{@code validation.request.parameter.collection.invalid} for {@code state}: typed as one string, while
 *       the operation's description says to repeat it for several states (as ARCHITECTURE §6 does).</li>
 *   <li>{@code validation.request.body.unexpected}: the spec declares no request body for operations that
 *       take one (creating or updating a hook, the commits POST form).</li>
 *   <li>In the loaded copy, nested inline objects lose {@code additionalProperties: false}: the validator
 *       reports their own declared properties as not allowed. References that close a cycle are cut and the base type's {@code discriminator}
 *       is dropped (see {@link #breakCycles} and {@link #validator()}): both make the validator overflow.</li>
 *   <li>Responses without a schema in the spec (e.g. a pull request's commits) are checked for shape by the
 *       tests themselves.</li>
 * </ul>
 */
public final class SpecValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> UNDOCUMENTED = Set.of(400, 401, 403, 404, 410, 429, 500, 502, 503);
    private static OpenApiInteractionValidator validator;

    private SpecValidator() {}

    private static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            try {
                JsonNode spec = JSON.readTree(BitbucketFixtures.openApi());
                breakCycles((com.fasterxml.jackson.databind.node.ObjectNode) spec.path("definitions"));
                // The base type "object" declares discriminator "type", and every subtype's allOf includes that
                // base again: the validator's discriminator check then recurses forever (StackOverflowError).
                // Without it every schema still applies; only the "type names a definition" check is lost.
                ((com.fasterxml.jackson.databind.node.ObjectNode) spec.path("definitions").path("object")).remove("discriminator");
                validator = OpenApiInteractionValidator.createForInlineApiSpecification(JSON.writeValueAsString(spec)).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return validator;
    }

    /**
     * The spec's definitions are recursive (a repository's {@code parent} is a repository, a commit's
     * {@code parents} are commits, …); the validator expands references eagerly and overflows the stack on
     * them. Each reference that closes a cycle is replaced by a plain {@code object} schema, so recursive
     * structures are checked to their first repetition (a commit's parents are not checked further).
     */
    static void breakCycles(com.fasterxml.jackson.databind.node.ObjectNode definitions) {
        Map<String, Integer> state = new java.util.HashMap<>(); // 1 = on the DFS stack, 2 = done
        definitions.fieldNames().forEachRemaining(name -> visit(definitions, name, state));
    }

    private static void visit(com.fasterxml.jackson.databind.node.ObjectNode defs, String name, Map<String, Integer> state) {
        if (state.containsKey(name) || !defs.has(name)) {
            return;
        }
        state.put(name, 1);
        walk(defs, defs.get(name), state);
        state.put(name, 2);
    }

    private static void walk(com.fasterxml.jackson.databind.node.ObjectNode defs, JsonNode node, Map<String, Integer> state) {
        if (node.isObject()) {
            var obj = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            if (obj.has("properties") && obj.path("additionalProperties").isBoolean()
                    && !obj.path("additionalProperties").asBoolean()) {
                // The validator (after its Swagger 2 → OpenAPI 3 conversion) reports exactly the declared
                // properties of such nested inline objects as "not allowed"; declared ones are still checked.
                obj.remove("additionalProperties");
            }
            List<String> fields = new ArrayList<>();
            obj.fieldNames().forEachRemaining(fields::add);
            for (String f : fields) {
                JsonNode child = obj.get(f);
                String target = child.path("$ref").asText("").replace("#/definitions/", "");
                if (!target.isEmpty() && Integer.valueOf(1).equals(state.get(target))) {
                    obj.set(f, JSON.createObjectNode()); // back edge: cut here
                } else {
                    if (!target.isEmpty()) {
                        visit(defs, target, state);
                    }
                    walk(defs, child, state);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode child = node.get(i);
                String target = child.path("$ref").asText("").replace("#/definitions/", "");
                if (!target.isEmpty() && Integer.valueOf(1).equals(state.get(target))) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, JSON.createObjectNode());
                } else {
                    if (!target.isEmpty()) {
                        visit(defs, target, state);
                    }
                    walk(defs, child, state);
                }
            }
        }
    }

    /** Validates one exchange with the API; returns the problems (empty = conforms). */
    public static List<String> problems(String method, String pathAndQuery, Map<String, String> headers,
                                        String requestContentType, byte[] requestBody, int status,
                                        String responseContentType, byte[] responseBody) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        Map<String, List<String>> query = parseQuery(q < 0 ? "" : pathAndQuery.substring(q + 1));
        Request request = request(method, path, query, headers, requestContentType, requestBody);
        ValidationReport report = validator().validate(request, response(status, responseContentType, responseBody));
        Whitelist whitelist = new Whitelist(path, status, query.containsKey("fields"), !headers.containsKey("Authorization"));
        List<String> out = new ArrayList<>();
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !whitelist.excuses(m)) {
                out.add(m.getKey() + ": " + m.getMessage() + " " + String.join(" | ", m.getAdditionalInfo()));
            }
        }
        if (UNDOCUMENTED.contains(status)) {
            out.addAll(errorShape(responseBody));
        }
        return out;
    }

    private static Request request(String method, String path, Map<String, List<String>> query,
                                   Map<String, String> headers, String contentType, byte[] body) {
        SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        query.forEach(req::withQueryParam);
        headers.forEach(req::withHeader);
        if (contentType != null) {
            req.withContentType(contentType);
        }
        if (body != null && body.length > 0) {
            req.withBody(body);
        }
        return req.build();
    }

    private static SimpleResponse response(int status, String contentType, byte[] body) {
        SimpleResponse.Builder resp = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            resp.withContentType(contentType.replace("; charset=utf-8", ""));
        }
        if (body != null && body.length > 0) {
            resp.withBody(new String(body, StandardCharsets.UTF_8));
        }
        return resp.build();
    }

    /** The whitelist of the class comment, for one exchange: a request with {@code fields=} is {@code partial}. */
    private record Whitelist(String path, int status, boolean partial, boolean anonymous) {

        boolean excuses(ValidationReport.Message m) {
            String key = m.getKey();
            if (key.equals("validation.response.status.unknown") && UNDOCUMENTED.contains(status)) {
                return true;
            }
            if (partial && (key.equals("validation.response.body.schema.required")
                    || key.equals("validation.response.body.schema.uniqueItems"))) {
                return true; // trimmed items may lose "type" and may become equal (e.g. only author.raw kept)
            }
            if (partial && key.equals("validation.response.body.schema.allOf") && m.getAdditionalInfo().stream()
                    .allMatch(i -> i.contains("missing required properties ([\"type\"])")
                            || i.contains("Instance failed to match all required schemas"))) {
                return true; // the same missing "type", reported through the allOf of a subtype
            }
            if (key.equals("validation.request.parameter.collection.invalid") && m.getMessage().contains("'state'")) {
                return true; // pullrequests' "state" is typed string, yet its description says to repeat it
            }
            if (status == 400 && key.startsWith("validation.request.")) {
                return true; // a deliberately bad request, rejected as the spec would have it
            }
            if (key.equals("validation.response.body.unexpected") && path.matches(".*/pullrequests/[^/]+/commits")) {
                return true; // described as "a paginated list of commits" but without a schema
            }
            if (key.equals("validation.request.body.unexpected")) {
                return true; // the spec declares no body for several operations that take one (hooks, commits POST)
            }
            if (anonymous && key.startsWith("validation.request.security")) {
                return true;
            }
            // the converted spec loses error.error's properties; errorShape() checks them instead
            return UNDOCUMENTED.contains(status) && key.equals("validation.response.body.schema.additionalProperties")
                    && m.getMessage().contains("[Path '/error']");
        }
    }

    /** The spec's {@code error}: {@code type} and {@code error.message}; only message/detail/data inside. */
    static List<String> errorShape(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            List<String> out = new ArrayList<>();
            if (!"error".equals(n.path("type").asText())) {
                out.add("error body without type=error: " + n);
            }
            if (!n.path("error").path("message").isTextual()) {
                out.add("error body without error.message: " + n);
            }
            n.path("error").fieldNames().forEachRemaining(f -> {
                if (!Set.of("message", "detail", "data").contains(f)) {
                    out.add("error body with unexpected error." + f);
                }
            });
            if (n.path("error").has("detail") && !n.path("error").path("detail").isTextual()) {
                out.add("error.detail must be a string");
            }
            return out;
        } catch (IOException e) {
            return List.of("error body is not JSON");
        }
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
