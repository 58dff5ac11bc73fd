package org.dvcsconnector.refapp.simulator.api;

import java.util.HashMap;
import java.util.Map;
import org.dvcsconnector.refapp.simulator.http.HttpError;

/**
 * Bitbucket's partial responses ({@code fields=}): a trie of the requested paths, asked field by field
 * while a response is streamed out, so no full document is built just to be trimmed.
 *
 * <ul>
 *   <li>{@code a.b} (plain): at every level on the way, only the named fields are kept; the last one
 *       with its default content.</li>
 *   <li>{@code +a.b}: adds a field (even one not shown by default, e.g. a pull request's
 *       {@code participants} in a collection) and keeps the defaults.</li>
 *   <li>{@code -a.b}: removes a field and keeps the other defaults.</li>
 *   <li>{@code *}: every field of a level, defaults or not; {@code -links.*} empties {@code links}.</li>
 * </ul>
 * An exact name wins over a wildcard at the same level ({@code -*,+foo} keeps only {@code foo}).
 */
public final class Fields {

    /** No {@code fields=}: every default field. */
    public static final Fields DEFAULTS = new Fields();

    private final Map<String, Fields> children = new HashMap<>(4);
    private boolean plain;
    private boolean add;
    private boolean remove;
    private boolean plainBelow;
    private boolean addBelow;
    private boolean plainLevel;

    private Fields() {}

    public static Fields parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULTS;
        }
        Fields root = new Fields();
        for (String raw : spec.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            char op = item.charAt(0);
            String path = (op == '+' || op == '-') ? item.substring(1) : item;
            if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                throw HttpError.badRequest("Invalid fields parameter: " + item);
            }
            Fields node = root;
            for (String segment : path.split("\\.")) {
                if (op != '+' && op != '-') {
                    node.plainLevel = true;
                }
                node = node.children.computeIfAbsent(segment, k -> new Fields());
                if (op == '+') {
                    node.addBelow = true;
                } else if (op != '-') {
                    node.plainBelow = true;
                }
            }
            switch (op) {
                case '+' -> node.add = true;
                case '-' -> node.remove = true;
                default -> node.plain = true;
            }
        }
        return root;
    }

    /**
     * Whether field {@code name} (shown by default or not) is part of the response; {@code null} if not,
     * otherwise the selection that applies to its value.
     */
    public Fields field(String name, boolean isDefault) {
        if (this == DEFAULTS) {
            return isDefault ? DEFAULTS : null;
        }
        Fields exact = children.get(name);
        Fields wild = children.get("*");
        boolean include;
        if (exact != null && exact.remove && exact.children.isEmpty()) {
            return null;
        } else if (exact != null && (exact.plainBelow || exact.addBelow)) {
            include = true;
        } else if (wild != null && wild.remove) {
            include = false;
        } else if (wild != null && (wild.plain || wild.add)) {
            include = true;
        } else {
            include = !plainLevel && isDefault;
        }
        if (!include) {
            return null;
        }
        Fields next = exact != null ? exact : wild;
        return next == null || next.children.isEmpty() ? DEFAULTS : next;
    }

    public boolean has(String name) {
        return field(name, true) != null;
    }
}
