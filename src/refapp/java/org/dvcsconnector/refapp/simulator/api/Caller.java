package org.dvcsconnector.refapp.simulator.api;

import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.model.User;
import org.dvcsconnector.refapp.simulator.model.Workspace;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.oauth.AccessToken;

/** Who is calling the API (the access token and the account it acts as), with the access rules. */
public record Caller(AccessToken token, User user) {

    public boolean hasScope(String scope) {
        return token.scopes().contains(scope);
    }

    public Workspace workspace(Store store, String slug) {
        return store.workspace(slug).orElseThrow(() -> HttpError.notFound("No workspace with identifier '" + slug + "'."));
    }

    /** The repository if it exists and the caller may see it (public, or a member of its workspace). */
    public Repository repository(Store store, String workspace, String slug) {
        Repository r = store.repository(workspace, slug).orElse(null);
        if (r == null || (r.isPrivate() && !r.workspace().isMember(user.username()))) {
            // Bitbucket does not reveal that a private repository exists
            throw HttpError.notFound("Repository " + workspace + "/" + slug + " not found");
        }
        return r;
    }

    public void requireAdmin(Repository r) {
        if (!r.workspace().isAdmin(user.username())) {
            throw new HttpError(403, "You must be an administrator of " + r.fullName() + " to manage its webhooks.");
        }
    }
}
