package org.dvcsconnector.refapp.simulator;

/**
 * Runs the simulator on its own: {@code --port N} (default 2991), {@code --demo} (seed workspace
 * {@code acme} and the demo consumers, callback {@code --callback URL}).
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws Exception {
        // standalone runs have no logback.xml of their own: keep Jetty's debug chatter out of the console
        if (org.slf4j.LoggerFactory.getLogger("org.eclipse.jetty") instanceof ch.qos.logback.classic.Logger jetty) {
            jetty.setLevel(ch.qos.logback.classic.Level.INFO);
        }
        int port = 2991;
        boolean demo = false;
        String callback = "http://localhost:2990/plugins/servlet/dvcs/oauth/callback";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--demo" -> demo = true;
                case "--callback" -> callback = args[++i];
                default -> {
                    System.err.println("usage: SimulatorMain [--port N] [--demo] [--callback URL]");
                    System.exit(2);
                }
            }
        }
        BitbucketSimulator sim = BitbucketSimulator.start(SimulatorOptions.defaults(port));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "simulator-shutdown"));
        if (demo) {
            sim.seedDemo(callback);
            System.out.println("demo workspace acme; OAuth consumers: private demo-private / demo-private-secret, "
                    + "public demo-public / demo-public-secret; authorize-page login acme-admin / acme-admin");
        }
        System.out.println("simulator ready at " + sim.baseUrl());
        Thread.currentThread().join();
    }
}
