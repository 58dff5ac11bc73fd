package org.dvcsconnector.spi;

/** The host's event bus (atlassian-event). */
public interface EventPublisher {

    void publish(Object event);

    /** Registers every {@link EventListener} method of {@code listener}. */
    void register(Object listener);

    void unregister(Object listener);
}
