package org.dvcsconnector.devinfo;

import org.dvcsconnector.db.StoredText;

/**
 * An issue key found in a commit, branch or pull request of a repository. {@code target} is kept as stored: a branch
 * by its key ({@link StoredText#key}), so that a link to a long name is found again, and joins its branch.
 */
public record LinkRow(String issueKey, String projectKey, LinkKind kind, String target) {

    public LinkRow {
        target = StoredText.key(target);
    }

    /** Identity of a link within its repository (what makes an insert a duplicate). */
    String identity() {
        return identity(kind.name(), target, issueKey);
    }

    static String identity(String kind, String target, String issueKey) {
        return kind + '\u0000' + target + '\u0000' + issueKey;
    }
}
