package org.dvcsconnector.refapp.events;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dvcsconnector.spi.EventListener;
import org.dvcsconnector.spi.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refapp's event bus: synchronous, in the publisher's thread, to every {@link EventListener}
 * method whose parameter type accepts the event (its class or a supertype). One failing listener is
 * logged and does not keep the event from the others, nor fail the publisher.
 *
 * <p>Registrations are copy-on-write: listeners (un)register rarely, events are published often.
 */
public final class HostEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(HostEventPublisher.class);

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Object event) {
        Objects.requireNonNull(event, "event");
        for (Subscription subscription : subscriptions) {
            if (subscription.accepts(event)) {
                subscription.deliver(event);
            }
        }
    }

    /**
     * @throws IllegalArgumentException when the listener has no {@link EventListener} method, or one
     *     that does not take exactly one parameter
     */
    @Override
    public void register(Object listener) {
        Objects.requireNonNull(listener, "listener");
        List<Subscription> found = scan(listener);
        if (found.isEmpty()) {
            throw new IllegalArgumentException(listener.getClass().getName() + " has no public @EventListener method");
        }
        unregister(listener); // registering twice must not deliver twice
        subscriptions.addAll(found);
    }

    @Override
    public void unregister(Object listener) {
        subscriptions.removeIf(s -> s.listener() == listener);
    }

    private static List<Subscription> scan(Object listener) {
        List<Subscription> found = new ArrayList<>();
        // getMethods(): public methods, inherited ones included. The class may come from a plugin's
        // bundle class loader; reflection on the object's own class works whatever the loader.
        for (Method method : listener.getClass().getMethods()) {
            if (!method.isAnnotationPresent(EventListener.class)) {
                continue;
            }
            if (method.getParameterCount() != 1) {
                throw new IllegalArgumentException("@EventListener method " + method + " must take exactly one parameter");
            }
            // A public method of a class that is not public (bundle-private listener) needs this.
            if (!method.canAccess(listener)) {
                method.setAccessible(true);
            }
            found.add(new Subscription(listener, method, method.getParameterTypes()[0]));
        }
        return found;
    }

    private record Subscription(Object listener, Method method, Class<?> eventType) {

        boolean accepts(Object event) {
            return eventType.isInstance(event);
        }

        void deliver(Object event) {
            try {
                method.invoke(listener, event);
            } catch (InvocationTargetException e) {
                LOG.error("Event listener {} failed on {}", describe(), event.getClass().getName(), e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.error("Could not call event listener {} with {}", describe(), event.getClass().getName(), e);
            }
        }

        private String describe() {
            return listener.getClass().getName() + "." + method.getName();
        }
    }
}
