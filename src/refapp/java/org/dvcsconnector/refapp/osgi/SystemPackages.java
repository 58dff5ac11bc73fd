package org.dvcsconnector.refapp.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import org.osgi.framework.Constants;

/**
 * The packages the host shares with plugins through the system bundle. Libraries that ship OSGi metadata
 * (Jakarta REST and Servlet, Jackson, SLF4J) are exported with the versions their own manifests declare,
 * read from the class path, so upgrading a library needs no change here. ActiveObjects has no OSGi
 * metadata and the spi is ours: both are exported with explicit versions.
 */
public final class SystemPackages {

    /** Package prefixes of host libraries plugins may import. */
    private static final List<String> SHARED_PREFIXES = List.of(
            "jakarta.ws.rs", "jakarta.servlet", "jakarta.annotation", "jakarta.inject",
            "com.fasterxml.jackson", "org.slf4j");

    private static final Map<String, String> EXPLICIT = Map.of(
            "org.dvcsconnector.spi", "0.1.0",
            "net.java.ao", "3.2.11",
            "net.java.ao.schema", "3.2.11",
            "net.java.ao.schema.info", "3.2.11",
            "net.java.ao.types", "3.2.11",
            "net.java.ao.sql", "3.2.11");

    private SystemPackages() {}

    /** The value for {@code org.osgi.framework.system.packages.extra}. */
    public static String extra(ClassLoader hostLoader) {
        Map<String, String> exports = new LinkedHashMap<>();
        EXPLICIT.forEach((pkg, version) -> exports.put(pkg, pkg + ";version=\"" + version + "\""));
        try {
            Enumeration<URL> manifests = hostLoader.getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                for (String clause : exportedClauses(manifests.nextElement())) {
                    String pkg = clause.split(";", 2)[0].trim();
                    if (SHARED_PREFIXES.stream().anyMatch(pkg::startsWith)) {
                        exports.putIfAbsent(pkg, clause);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the host class path's manifests", e);
        }
        return String.join(",", exports.values());
    }

    private static List<String> exportedClauses(URL manifestUrl) throws IOException {
        try (InputStream in = manifestUrl.openStream()) {
            String header = new Manifest(in).getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            return header == null ? List.of() : withoutUsesDirectives(splitClauses(header));
        }
    }

    /** Splits an OSGi header on commas that are outside quoted strings. */
    static List<String> splitClauses(String header) {
        List<String> clauses = new ArrayList<>();
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
        if (!current.isEmpty()) {
            clauses.add(current.toString().trim());
        }
        return clauses;
    }

    /**
     * Keeps package name and version attributes only: "uses" constraints between system packages tie
     * the host's libraries together for no benefit and break when two jars disagree.
     */
    private static List<String> withoutUsesDirectives(List<String> clauses) {
        List<String> result = new ArrayList<>();
        for (String clause : clauses) {
            StringBuilder kept = new StringBuilder();
            for (String part : clause.split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String p = part.trim();
                if (kept.isEmpty() || p.startsWith("version=")) {
                    kept.append(kept.isEmpty() ? "" : ";").append(p);
                }
            }
            result.add(kept.toString());
        }
        return result;
    }
}
