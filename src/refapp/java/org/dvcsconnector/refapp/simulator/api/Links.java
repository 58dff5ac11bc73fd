package org.dvcsconnector.refapp.simulator.api;

import org.dvcsconnector.refapp.simulator.model.Repository;

/** The simulator's absolute links: API under {@code base/2.0}, "web pages" under {@code base}. */
public record Links(String base) {

    public String api() {
        return base + "/2.0";
    }

    public String repo(Repository r) {
        return base + "/2.0/repositories/" + r.fullName();
    }

    public String repoHtml(Repository r) {
        return base + "/" + r.fullName();
    }

    public String commit(Repository r, String hash) {
        return repo(r) + "/commit/" + hash;
    }

    public String commitHtml(Repository r, String hash) {
        return repoHtml(r) + "/commits/" + hash;
    }

    public String avatar(String uuidInUrl) {
        return base + "/account/" + uuidInUrl + "/avatar/";
    }
}
