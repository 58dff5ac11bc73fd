package org.dvcsconnector.refapp.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a method and path against path templates such as {@code /2.0/repositories/{workspace}/{repo_slug}}
 * segment by segment: no regular expressions on the hot path. Variables come out percent-decoded, in order.
 */
public final class Router<R> {

    private final List<Entry<R>> entries = new ArrayList<>();

    public Router<R> add(String method, String template, R route) {
        entries.add(new Entry<>(method, template, template.substring(1).split("/"), route));
        return this;
    }

    public List<Entry<R>> entries() {
        return List.copyOf(entries);
    }

    public Match<R> match(String method, String path) {
        String[] segments = split(path);
        boolean pathMatched = false;
        for (Entry<R> e : entries) {
            String[] vars = bind(e.segments, segments);
            if (vars != null) {
                pathMatched = true;
                if (e.method.equals(method)) {
                    return new Match<>(e.template, e.route, vars);
                }
            }
        }
        return pathMatched ? new Match<>(null, null, null) : null;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1); // Bitbucket accepts a trailing slash
        }
        return p.split("/", -1);
    }

    private static String[] bind(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return null;
        }
        int count = 0;
        for (String t : template) {
            if (t.startsWith("{")) {
                count++;
            }
        }
        String[] vars = new String[count];
        int v = 0;
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                vars[v++] = decode(segments[i]);
            } else if (!t.equals(segments[i])) {
                return null;
            }
        }
        return vars;
    }

    private static String decode(String s) {
        try {
            return s.indexOf('%') < 0 ? s : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Malformed path segment: " + s);
        }
    }

    /** A hit: {@code route == null} means the path exists but not for this method (405). */
    public record Match<R>(String template, R route, String[] vars) {}

    /** A registered route. */
    public record Entry<R>(String method, String template, String[] segments, R route) {}
}
