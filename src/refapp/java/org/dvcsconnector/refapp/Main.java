package org.dvcsconnector.refapp;

import java.io.PrintStream;
import org.dvcsconnector.refapp.simulator.BitbucketSimulator;

/** {@code ./run}: starts the refapp (and with {@code --demo} the Bitbucket simulator) until stopped. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        RefappOptions options;
        try {
            options = RefappOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        Refapp refapp;
        try {
            refapp = Refapp.start(options);
        } catch (Exception e) {
            // The log above has the details; here only what an operator needs to act on.
            System.err.println("The refapp did not start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(refapp::close, "refapp-shutdown"));
        if (refapp.bootstrapPassword() != null) {
            out.println("First start: created user 'admin' with password " + refapp.bootstrapPassword()
                    + " (shown only this once; change it after logging in).");
        }
        if (options.demo()) {
            out.println("Demo users: admin/admin (administrator), alice/alice and bob/bob (developers).");
            if (refapp.simulator() != null) {
                out.println("Bitbucket Cloud simulator at " + refapp.simulator().baseUrl() + ", workspace 'acme'.");
                out.println("  OAuth consumers: private demo-private / demo-private-secret; public demo-public /"
                        + " demo-public-secret (callback " + refapp.baseUrl() + Refapp.OAUTH_CALLBACK + ").");
                out.println("  On the simulator's authorize page, log in as " + BitbucketSimulator.DEMO_LOGIN + "/"
                        + BitbucketSimulator.DEMO_LOGIN + ".");
            } else {
                out.println("Bitbucket at " + options.bitbucketUrl() + " (--bitbucket).");
            }
        }
        out.printf("ready at %s (started in %d ms)%n", refapp.baseUrl(), (System.nanoTime() - started) / 1_000_000);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return message.contains("file is locked") || message.contains("already in use")
                ? "the database is in use by another process (is another ./run still running on this --home?)"
                : message;
    }
}
