package org.dvcsconnector.devinfo;

import java.util.Locale;

/** A pull request's state, as Bitbucket's API description enumerates them. */
public enum PullRequestState {
    OPEN, MERGED, DECLINED, SUPERSEDED;

    /** The state Bitbucket sent; one the API description does not list fails, saying what it was. */
    public static PullRequestState fromBitbucket(String state) {
        try {
            return valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Bitbucket sent the pull request state \"" + state
                    + "\", which its API description does not list", e);
        }
    }
}
