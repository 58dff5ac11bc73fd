package org.dvcsconnector.spi;

/**
 * The host's event bus: atlassian-event's {@code com.atlassian.event.api.EventPublisher}, same methods and meaning
 * (listeners are the {@link EventListener} methods of a registered object). A Jira adapter delegates.
 *
 * <p>Difference: no {@code unregisterAll()}; a plugin unregisters only what it registered.
 */
public interface EventPublisher {

    void publish(Object event);

    /** Registers every {@link EventListener} method of {@code listener}. */
    void register(Object listener);

    void unregister(Object listener);
}
