package org.dvcsconnector.refapp.simulator.model;

/**
 * A Bitbucket account of the simulator: may log in on the authorize page, owns consumers, and is linked
 * to commits whose author e-mail is its {@code email} (as Bitbucket links commits to accounts).
 */
public record User(String username, String password, String displayName, String email, String uuid, String accountId) {

    /** {@code "{uuid}"} URL-encoded, as Bitbucket puts it in links. */
    public String uuidInUrl() {
        return uuid.replace("{", "%7B").replace("}", "%7D");
    }
}
