package org.dvcsconnector.refapp;

import java.io.PrintStream;

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
            System.err.println("The refapp did not start: " + e.getMessage());
            e.printStackTrace();
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
        }
        out.printf("ready at %s (started in %d ms)%n", refapp.baseUrl(), (System.nanoTime() - started) / 1_000_000);
    }
}
