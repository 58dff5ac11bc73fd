package org.dvcsconnector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.BitbucketHttp;

/**
 * Removes this site's webhooks from an account's repositories on Bitbucket: every hook whose URL points
 * at this site's receiver. Failures are returned, not thrown: they must not block a deletion.
 */
public final class WebhookRemoval {

    /** Where Bitbucket delivers webhooks on this site; hooks under it are ours. */
    public static final String RECEIVER_PATH = "/rest/dvcs/1.0/webhooks";

    private final TokenService tokens;
    private final OkHttpClient http;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final Supplier<String> baseUrl;

    public WebhookRemoval(TokenService tokens, OkHttpClient http, Supplier<BitbucketEndpoints> endpoints,
            Supplier<String> baseUrl) {
        this.tokens = tokens;
        this.http = http;
        this.endpoints = endpoints;
        this.baseUrl = baseUrl;
    }

    /** Removes our hooks from each repository; returns what could not be removed, for the administrator. */
    public List<String> removeAll(AccountEntity account, List<RepositoryEntity> repositories) {
        if (!AuthType.valueOf(account.getAuthType()).isOAuth2()) {
            return repositories.isEmpty() ? List.of() : List.of("Webhooks of " + account.getWorkspace()
                    + " were not checked: the account used OAuth 1.0. Remove any this site registered in Bitbucket"
                    + " (Repository settings > Webhooks).");
        }
        BitbucketApi api = new BitbucketApi(BitbucketHttp.forAccount(http, tokens.forAccount(account.getID())), endpoints.get());
        String receiver = baseUrl.get() + RECEIVER_PATH;
        List<String> failures = new ArrayList<>();
        for (RepositoryEntity repository : repositories) {
            if (repository.isDeleted()) {
                continue;
            }
            String hooks = "/repositories/" + account.getWorkspace() + "/" + repository.getSlug() + "/hooks";
            try {
                List<String> ours = new ArrayList<>();
                api.forEachPage(hooks, Map.of("pagelen", "100"), page -> {
                    for (JsonNode hook : page.path("values")) {
                        if (hook.path("url").asText("").startsWith(receiver)) {
                            ours.add(hook.path("uuid").asText());
                        }
                    }
                    return true;
                });
                for (String uuid : ours) {
                    api.delete(hooks + "/" + uuid);
                }
            } catch (BitbucketException e) {
                failures.add("The webhook of " + account.getWorkspace() + "/" + repository.getSlug()
                        + " could not be removed (" + e.getMessage() + "). Remove it in Bitbucket: Repository settings > Webhooks.");
            }
        }
        return failures;
    }
}
