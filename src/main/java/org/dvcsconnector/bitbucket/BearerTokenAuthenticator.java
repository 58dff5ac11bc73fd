package org.dvcsconnector.bitbucket;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * One account's bearer token on its API calls, and the single renewal after Bitbucket refuses it (a token can
 * expire or be revoked between issue and use). Each call takes one token before anything else happens; retries
 * of the call ({@link RetryInterceptor}) send the call's current token. On a 401 the token source
 * is told the token was refused and gives a fresh one, with which the request goes once more, charged to the
 * budget like any request sent. A second 401 in the same call, or a source that hands back the refused token,
 * reaches the caller as the 401 it is.
 *
 * <p>Install it with {@link BitbucketHttp#forAccount}: {@link #tokenPerCall()} outermost, {@link #authorization()}
 * innermost and this as the client's authenticator. The token goes in the {@code Authorization} header only,
 * never in the URL or the body (Bitbucket refuses it there).
 */
final class BearerTokenAuthenticator implements Authenticator {

    /** The token source failed (no token, refresh refused): given up before sending; never retried. */
    static final class TokenUnavailable extends IOException {

        private static final long serialVersionUID = 1L;

        TokenUnavailable(BitbucketException reason) {
            super(reason.getMessage(), reason);
        }

        BitbucketException reason() {
            return (BitbucketException) getCause();
        }
    }

    /** The token one call is sent with, replaced at most once, after a refusal. Tagged on the call's requests. */
    private static final class CallToken {
        volatile String token;
        volatile boolean renewed;

        CallToken(String token) {
            this.token = token;
        }
    }

    private final AccessTokenSource tokens;
    private final RequestBudget budget;

    BearerTokenAuthenticator(AccessTokenSource tokens, RequestBudget budget) {
        this.tokens = tokens;
        this.budget = budget;
    }

    /** Outermost: takes the call's token once, before retries and the budget see the call. */
    Interceptor tokenPerCall() {
        return chain -> chain.proceed(chain.request().newBuilder()
                .tag(CallToken.class, new CallToken(token())).build());
    }

    /** Innermost: the call's current token as the {@code Authorization} header of each request sent. */
    Interceptor authorization() {
        return chain -> {
            Request request = chain.request();
            CallToken call = request.tag(CallToken.class);
            return call == null ? chain.proceed(request) : chain.proceed(withToken(request, call.token));
        };
    }

    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        CallToken call = response.request().tag(CallToken.class);
        if (call == null || call.renewed || refusedBefore(response)) {
            return null; // renewed once already: this refusal is the answer
        }
        String refused = call.token;
        tokens.invalidate(refused);
        String fresh = token();
        if (Objects.equals(fresh, refused)) {
            return null; // the source cannot renew it; sending it again would be refused again
        }
        call.token = fresh;
        call.renewed = true;
        // Sent below the interceptors, so the budget interceptor does not see it: charged here.
        BudgetInterceptor.charge(budget);
        return withToken(response.request(), fresh);
    }

    private String token() throws TokenUnavailable {
        try {
            return tokens.accessToken();
        } catch (BitbucketException e) {
            throw new TokenUnavailable(e);
        }
    }

    /** OkHttp's own follow-ups (a 503 or 408 it repeated) may come first; only an earlier 401 ends it. */
    private static boolean refusedBefore(Response response) {
        for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
            if (prior.code() == 401) {
                return true;
            }
        }
        return false;
    }

    private static Request withToken(Request request, String token) {
        return request.newBuilder().header("Authorization", "Bearer " + token).build();
    }
}
