package org.dvcsconnector.devinfo;

/** A pull request's participant as Bitbucket reports it: {@code role} REVIEWER or PARTICIPANT. */
public record Participant(String name, String avatarUrl, String role, boolean approved) {

    public boolean reviewer() {
        return "REVIEWER".equals(role);
    }
}
