package org.dvcsconnector.spi;

/**
 * Who takes a workflow transition. Jira has no such type: {@link AsUser} is the {@code ApplicationUser} its services
 * take, and {@link AsSystem} is how Jira's own development triggers act when they cannot map the user: as anonymous,
 * with {@code TransitionOptions} that skip conditions, validators and permissions.
 */
public sealed interface IssueActor {

    /** A host user, with that user's permissions and the transitions' conditions. */
    record AsUser(String username) implements IssueActor {}

    /**
     * The calling plugin itself, for someone who is no user here: conditions and permissions do not apply, and the
     * host records the change as made by {@code app} on behalf of {@code onBehalfOf} (e.g. a Bitbucket display name).
     */
    record AsSystem(String app, String onBehalfOf) implements IssueActor {}

    static IssueActor user(String username) {
        return new AsUser(username);
    }

    static IssueActor system(String app, String onBehalfOf) {
        return new AsSystem(app, onBehalfOf);
    }

    /** How the host writes this actor in an issue's history: the username, or "app on behalf of someone". */
    default String label() {
        return this instanceof AsSystem system ? system.app() + " on behalf of " + system.onBehalfOf()
                : ((AsUser) this).username();
    }
}
