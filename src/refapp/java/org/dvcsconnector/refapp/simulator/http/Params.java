package org.dvcsconnector.refapp.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query-string or form parameters, repeated names kept in order ({@code state=OPEN&state=MERGED}).
 * {@code +} decodes to a space, which is why Bitbucket asks clients to send {@code fields=%2Bx}.
 */
public final class Params {

    private static final Params EMPTY = new Params(Map.of());
    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    public static Params parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                map.computeIfAbsent(name, k -> new ArrayList<>(2)).add(value);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("Malformed query or form parameter: " + pair);
            }
        }
        return new Params(map);
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public String first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Params merge(Params other) {
        if (other.values.isEmpty()) {
            return this;
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        values.forEach((k, v) -> map.put(k, new ArrayList<>(v)));
        other.values.forEach((k, v) -> map.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return new Params(map);
    }
}
