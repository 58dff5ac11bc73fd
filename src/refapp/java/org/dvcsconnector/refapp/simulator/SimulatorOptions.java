package org.dvcsconnector.refapp.simulator;

import java.time.Duration;

/**
 * How to start a simulator: where to listen ({@code port} 0 = any free port), how long access tokens live
 * (Bitbucket: 7200 s), and the webhook delivery timeout and first retry delay.
 */
public record SimulatorOptions(String host, int port, Duration accessTokenTtl, Duration webhookTimeout,
                               Duration webhookRetryDelay) {

    public SimulatorOptions(String host, int port, Duration accessTokenTtl) {
        this(host, port, accessTokenTtl, Duration.ofSeconds(5), Duration.ofMillis(500));
    }

    public static SimulatorOptions defaults(int port) {
        return new SimulatorOptions("localhost", port, Duration.ofSeconds(7200));
    }

    public SimulatorOptions withAccessTokenTtl(Duration ttl) {
        return new SimulatorOptions(host, port, ttl, webhookTimeout, webhookRetryDelay);
    }

    public SimulatorOptions withWebhooks(Duration timeout, Duration retryDelay) {
        return new SimulatorOptions(host, port, accessTokenTtl, timeout, retryDelay);
    }
}
