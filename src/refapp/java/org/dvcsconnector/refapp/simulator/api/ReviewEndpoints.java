package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import org.dvcsconnector.refapp.simulator.control.ScmOperations;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.PullRequest;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;

/**
 * Reviews as the caller: {@code POST|DELETE .../pullrequests/{id}/approve} and {@code .../request-changes}. POST answers
 * the caller's {@code participant}, DELETE 204; each fires the webhook Bitbucket fires.
 */
public final class ReviewEndpoints {

    private final Store store;
    private final ScmOperations scm;
    private final PullRequestJson json;

    public ReviewEndpoints(Store store, ScmOperations scm, PullRequestJson json) {
        this.store = store;
        this.scm = scm;
        this.json = json;
    }

    public void approve(Exchange ex, Caller caller) throws IOException {
        give(ex, caller, scm.approve(repository(ex, caller), id(ex), caller.user().username(), true));
    }

    public void unapprove(Exchange ex, Caller caller) {
        scm.approve(repository(ex, caller), id(ex), caller.user().username(), false);
        ex.empty(204);
    }

    public void requestChanges(Exchange ex, Caller caller) throws IOException {
        give(ex, caller, scm.requestChanges(repository(ex, caller), id(ex), caller.user().username(), true));
    }

    public void withdrawChangeRequest(Exchange ex, Caller caller) {
        scm.requestChanges(repository(ex, caller), id(ex), caller.user().username(), false);
        ex.empty(204);
    }

    private void give(Exchange ex, Caller caller, PullRequest pr) throws IOException {
        ex.json(200, g -> json.participant(new Gen(g, false), scm.participant(pr, caller.user().username())));
    }

    private Repository repository(Exchange ex, Caller caller) {
        return caller.repository(store, ex.var(0), ex.var(1));
    }

    private static int id(Exchange ex) {
        try {
            return Integer.parseInt(ex.var(2));
        } catch (NumberFormatException e) {
            throw HttpError.notFound("Pull request " + ex.var(2) + " not found");
        }
    }
}
