package org.dvcsconnector.refapp.simulator.webhook;

/** One delivery attempt of a webhook, as {@code GET /_sim/deliveries} lists it. */
public record Delivery(String hookUuid, String url, String event, String requestUuid, int attempt, int status,
                       String error, boolean delivered, String at, String body) {}
