package org.dvcsconnector.refapp.simulator.model;

/** A commit author as git records it; {@code raw} is {@code "Name <email>"}. */
public record Author(String name, String email, String raw) {

    public static Author of(String name, String email) {
        return new Author(name, email, name + " <" + email + ">");
    }
}
