package org.dvcsconnector.refapp.events.plugin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dvcsconnector.spi.EventListener;

/** Stands in for a plugin bundle: its listener class is not visible outside this package. */
public final class PluginListeners {

    private PluginListeners() {}

    public static Object hiddenListener(List<Object> received) {
        return new Hidden(received);
    }

    static final class Hidden {
        private final List<Object> received;

        Hidden(List<Object> received) {
            this.received = received;
        }

        @EventListener
        public void on(CharSequence event) {
            received.add(event);
        }
    }

    public static List<Object> newInbox() {
        return new CopyOnWriteArrayList<>();
    }
}
