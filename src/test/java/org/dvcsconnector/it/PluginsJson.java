package org.dvcsconnector.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.dvcsconnector.testing.Http;

/** Reads {@code GET /rest/plugins/1.0/}. */
final class PluginsJson {

    private PluginsJson() {}

    static List<JsonNode> plugins(Http http) {
        JsonNode body = http.get("/rest/plugins/1.0/").expect(200).json();
        List<JsonNode> plugins = new ArrayList<>();
        body.path("plugins").forEach(plugins::add);
        return plugins;
    }

    /** The plugin with this key; fails naming the installed ones when it is not there. */
    static JsonNode plugin(Http http, String key) {
        List<JsonNode> plugins = plugins(http);
        return plugins.stream().filter(p -> p.path("key").asText().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("No plugin " + key + " in " + plugins));
    }
}
