package org.dvcsconnector.refapp;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How to start the refapp: {@code [--demo] [--port 2990] [--sim-port 2991] [--home DIR] [--db JDBC_URL]
 * [--db-user U] [--db-password P] [--node-id ID] [--bitbucket URL] [--hours-per-day H] [--days-per-week D]
 * [--bundle JAR]…}. {@code --bitbucket} points the plugin at another Bitbucket (a simulator started elsewhere); with
 * {@code --demo} it replaces the demo's own simulator. {@code --hours-per-day} and {@code --days-per-week} set the
 * site's time tracking at start (stored, so they stay until changed; null: left as they are).
 */
public record RefappOptions(boolean demo, int port, int simPort, Path home, String dbUrl, String dbUser,
        String dbPassword, String nodeId, String bitbucketUrl, BigDecimal hoursPerDay, BigDecimal daysPerWeek,
        List<Path> bundles) {

    public static final int DEFAULT_PORT = 2990;
    public static final int DEFAULT_SIM_PORT = 2991;

    public static RefappOptions parse(String... args) {
        boolean demo = false;
        int port = DEFAULT_PORT;
        int simPort = DEFAULT_SIM_PORT;
        Path home = Path.of("target", "refapp-home");
        String db = null;
        String dbUser = null;
        String dbPassword = null;
        String nodeId = null;
        String bitbucketUrl = null;
        BigDecimal hoursPerDay = null;
        BigDecimal daysPerWeek = null;
        List<Path> bundles = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--demo" -> demo = true;
                case "--port" -> port = port(arg, value(args, ++i, arg));
                case "--sim-port" -> simPort = port(arg, value(args, ++i, arg));
                case "--home" -> home = Path.of(value(args, ++i, arg));
                case "--db" -> db = value(args, ++i, arg);
                case "--db-user" -> dbUser = value(args, ++i, arg);
                case "--db-password" -> dbPassword = value(args, ++i, arg);
                case "--node-id" -> nodeId = value(args, ++i, arg);
                case "--bitbucket" -> bitbucketUrl = value(args, ++i, arg);
                case "--hours-per-day" -> hoursPerDay = number(arg, value(args, ++i, arg));
                case "--days-per-week" -> daysPerWeek = number(arg, value(args, ++i, arg));
                case "--bundle" -> bundles.add(Path.of(value(args, ++i, arg)));
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + usage());
            }
        }
        if (nodeId == null) {
            nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
        } else if (!nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("--node-id may use letters, digits, '.', '_' and '-' (at most 64): " + nodeId);
        }
        if (bitbucketUrl != null && !bitbucketUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("--bitbucket must be an http(s) URL, not '" + bitbucketUrl + "'");
        }
        return new RefappOptions(demo, port, simPort, home.toAbsolutePath().normalize(), db, dbUser, dbPassword,
                nodeId, bitbucketUrl, hoursPerDay, daysPerWeek, List.copyOf(bundles));
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public RefappOptions withPort(int newPort) {
        return new RefappOptions(demo, newPort, simPort, home, dbUrl, dbUser, dbPassword, nodeId, bitbucketUrl,
                hoursPerDay, daysPerWeek, bundles);
    }

    public static String usage() {
        return "usage: ./run [--demo] [--port 2990] [--sim-port 2991] [--home DIR] [--db JDBC_URL]"
                + " [--db-user USER] [--db-password PASSWORD] [--node-id ID] [--bitbucket URL]"
                + " [--hours-per-day 8] [--days-per-week 5] [--bundle JAR]...";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + usage());
        }
        return args[i];
    }

    /** A positive decimal such as {@code 7.5}; the tracker checks the range. */
    private static BigDecimal number(String option, String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number such as 7.5, not '" + value + "'");
        }
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number (0-65535), not '" + value + "'");
        }
    }
}
