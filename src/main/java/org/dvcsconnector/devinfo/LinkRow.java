package org.dvcsconnector.devinfo;

/** An issue key found in a commit, branch or pull request of a repository. */
public record LinkRow(String issueKey, String projectKey, LinkKind kind, String target) {

    /** Identity of a link within its repository (what makes an insert a duplicate). */
    String identity() {
        return identity(kind.name(), target, issueKey);
    }

    static String identity(String kind, String target, String issueKey) {
        return kind + '\u0000' + target + '\u0000' + issueKey;
    }
}
