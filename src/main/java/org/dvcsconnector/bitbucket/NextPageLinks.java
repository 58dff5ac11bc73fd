package org.dvcsconnector.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The {@code next} links of one paged listing, checked before the account's token follows them. Bitbucket's
 * {@code next} is an opaque absolute URL; following it blindly would send the bearer token wherever a page points
 * (another host, plain HTTP), loop for ever on a page that points back to one already read, and end a listing
 * silently on a link that does not parse, leaving data missing with no error. Each is a failure that says which
 * listing and why, so the sync stops with a message instead of leaking, spinning or losing data quietly.
 */
final class NextPageLinks {

    private final HttpUrl first;
    private final Set<HttpUrl> followed = new HashSet<>();

    NextPageLinks(HttpUrl first) {
        this.first = first;
        followed.add(first);
    }

    /** The page's {@code next}, or null when the listing ends there. */
    HttpUrl after(JsonNode page) throws BitbucketException {
        JsonNode link = page.path("next");
        if (link.isMissingNode() || link.isNull()) {
            return null;
        }
        HttpUrl next = sameSite(link.isTextual() ? link.asText() : null);
        if (!followed.add(next)) {
            throw refused("a next link back to a page already read, after " + followed.size() + " pages");
        }
        return next;
    }

    /**
     * {@code link} as a URL on the site the listing started at (a link stored by an earlier run is checked again
     * before the account's token goes there), or a failure saying why not.
     */
    HttpUrl sameSite(String link) throws BitbucketException {
        HttpUrl next = link == null ? null : HttpUrl.parse(link);
        if (next == null) {
            throw refused("a next link that is not a URL");
        }
        if (!next.scheme().equals(first.scheme()) || !next.host().equals(first.host()) || next.port() != first.port()) {
            // The token is the account's: it goes only to the origin the listing started at.
            throw refused("a next link to another site (" + next.scheme() + "://" + next.host() + ":" + next.port()
                    + "), which was not followed so that the account's token is not sent there");
        }
        return next;
    }

    private BitbucketException refused(String what) {
        return new BitbucketException(200, "Bitbucket's listing " + first.encodedPath() + " gave " + what
                + "; the listing stopped there. Sync again later; if it persists, Bitbucket's API is misbehaving.");
    }
}
