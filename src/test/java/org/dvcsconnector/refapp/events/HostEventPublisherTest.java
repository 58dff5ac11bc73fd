package org.dvcsconnector.refapp.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dvcsconnector.spi.EventListener;
import org.junit.jupiter.api.Test;

class HostEventPublisherTest {

    interface DevEvent {}

    record BranchCreated(String name) implements DevEvent {}

    record CommitCreated(String hash) implements DevEvent {}

    public static class Recorder {
        final List<Object> received = new CopyOnWriteArrayList<>();

        @EventListener
        public void onBranch(BranchCreated event) {
            received.add(event);
        }

        public void notAListener(BranchCreated event) {
            received.add("wrong");
        }
    }

    public static class AnyDevEvent {
        final List<Object> received = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(DevEvent event) {
            received.add(event);
        }
    }

    /** Inherits its listener method. */
    public static class InheritedRecorder extends Recorder {}

    /** Not public, like a listener class private to a plugin bundle. */
    static class PackagePrivateListener {
        final List<Object> received = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(CommitCreated event) {
            received.add(event);
        }
    }

    public static class Throwing {
        int calls;

        @EventListener
        public void on(Object event) {
            calls++;
            throw new IllegalStateException("listener bug");
        }
    }

    private final HostEventPublisher publisher = new HostEventPublisher();

    @Test
    void deliversByExactTypeAndSupertype() {
        Recorder branches = new Recorder();
        AnyDevEvent all = new AnyDevEvent();
        publisher.register(branches);
        publisher.register(all);

        BranchCreated branch = new BranchCreated("feature/DEMO-1");
        CommitCreated commit = new CommitCreated("abc");
        publisher.publish(branch);
        publisher.publish(commit);
        publisher.publish("unrelated");

        assertThat(branches.received).containsExactly(branch);
        assertThat(all.received).containsExactly(branch, commit);
    }

    @Test
    void inheritedAndNonPublicListenerClassesWork() {
        InheritedRecorder inherited = new InheritedRecorder();
        PackagePrivateListener hidden = new PackagePrivateListener();
        publisher.register(inherited);
        publisher.register(hidden);

        publisher.publish(new BranchCreated("b"));
        publisher.publish(new CommitCreated("c"));

        assertThat(inherited.received).containsExactly(new BranchCreated("b"));
        assertThat(hidden.received).containsExactly(new CommitCreated("c"));
    }

    @Test
    void listenerClassNotAccessibleToThePublisherStillReceives() {
        List<Object> inbox = org.dvcsconnector.refapp.events.plugin.PluginListeners.newInbox();
        publisher.register(org.dvcsconnector.refapp.events.plugin.PluginListeners.hiddenListener(inbox));

        publisher.publish("a string is a CharSequence");

        assertThat(inbox).containsExactly("a string is a CharSequence");
    }

    @Test
    void unregisterStopsDeliveryAndRegisteringTwiceDeliversOnce() {
        Recorder recorder = new Recorder();
        publisher.register(recorder);
        publisher.register(recorder);
        publisher.publish(new BranchCreated("1"));
        assertThat(recorder.received).hasSize(1);

        publisher.unregister(recorder);
        publisher.publish(new BranchCreated("2"));
        assertThat(recorder.received).hasSize(1);
    }

    @Test
    void aThrowingListenerDoesNotStopTheOthers() {
        Throwing first = new Throwing();
        Recorder second = new Recorder();
        publisher.register(first);
        publisher.register(second);

        publisher.publish(new BranchCreated("x"));
        publisher.publish(new BranchCreated("y"));

        assertThat(first.calls).isEqualTo(2);
        assertThat(second.received).hasSize(2);
    }

    @Test
    void listenersWithoutOrWithMalformedMethodsAreRefused() {
        assertThatThrownBy(() -> publisher.register(new Object())).isInstanceOf(IllegalArgumentException.class);
        Object twoParams = new Object() {
            @EventListener
            public void on(String a, String b) {}
        };
        assertThatThrownBy(() -> publisher.register(twoParams))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one parameter");
    }
}
