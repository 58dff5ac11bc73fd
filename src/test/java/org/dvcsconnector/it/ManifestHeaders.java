package org.dvcsconnector.it;

import java.util.ArrayList;
import java.util.List;

/** Reads OSGi manifest headers such as {@code Import-Package} (clauses split on commas outside quotes). */
final class ManifestHeaders {

    private ManifestHeaders() {}

    /** The clauses of a header: {@code a;version="[1,2)",b} → {@code a;version="[1,2)"}, {@code b}. */
    static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            clauses.add(current.toString().trim());
        }
        return clauses;
    }

    /** The package names of a header, without their attributes. */
    static List<String> packageNames(String header) {
        return clauses(header).stream().map(c -> c.split(";", 2)[0].trim()).toList();
    }

    /** An attribute ({@code version}, say) of a package's clause, unquoted; null when absent. */
    static String attribute(String header, String packageName, String attribute) {
        for (String clause : clauses(header)) {
            String[] parts = clause.split(";");
            if (!parts[0].trim().equals(packageName)) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].trim();
                if (part.startsWith(attribute + "=")) {
                    return part.substring(attribute.length() + 1).replace("\"", "");
                }
            }
        }
        return null;
    }
}
