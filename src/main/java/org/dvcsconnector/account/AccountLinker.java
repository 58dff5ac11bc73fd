package org.dvcsconnector.account;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.dvcsconnector.bitbucket.AccessTokenSource;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.bitbucket.BitbucketScopes;
import org.dvcsconnector.bitbucket.oauth.OAuthException;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.bitbucket.oauth.TokenGrant;
import org.dvcsconnector.bitbucket.oauth.TokenResponse;

/**
 * Links accounts. Before anything is saved: the credentials work, the granted scopes cover what the
 * plugin needs, the workspace is reachable with them, and it is not linked already. Every failure says
 * what to fix, in Bitbucket's words where it gave any.
 */
public final class AccountLinker {

    /** A non-field error: shown above the form. */
    public static final String GENERAL = "general";

    private final AccountStore store;
    private final Secrets secrets;
    private final OAuthTokenClient oauth;
    private final OkHttpClient http;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final Clock clock;

    public AccountLinker(AccountStore store, Secrets secrets, OAuthTokenClient oauth, OkHttpClient http,
            Supplier<BitbucketEndpoints> endpoints, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.oauth = oauth;
        this.http = http;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** The form is complete and the workspace is not linked yet; nothing is asked of Bitbucket. */
    public void checkForm(LinkRequest request) throws LinkFailure {
        Map<String, String> errors = request.validate();
        if (!errors.isEmpty()) {
            throw new LinkFailure(errors);
        }
        if (store.findByWorkspace(LinkRequest.HOST_BITBUCKET_CLOUD, request.workspace()).isPresent()) {
            throw LinkFailure.of("workspace", "The workspace \"" + request.workspace() + "\" is linked already.");
        }
    }

    /** A private consumer: client credentials, checked, then saved. */
    public AccountEntity linkPrivate(LinkRequest request) throws LinkFailure {
        checkForm(request);
        TokenGrant grant = clientCredentials(request.clientId(), request.clientSecret());
        WorkspaceInfo workspace = verify(grant, request.workspace());
        return save(request, grant, workspace);
    }

    /** After the authorization-code round trip: the grant is checked like any other, then saved. */
    public AccountEntity linkWithGrant(LinkRequest request, TokenGrant grant) throws LinkFailure {
        checkForm(request);
        return save(request, grant, verify(grant, request.workspace()));
    }

    /** Client credentials for a private consumer, with Bitbucket's refusals turned into advice. */
    public TokenGrant clientCredentials(String clientId, String clientSecret) throws LinkFailure {
        try {
            return oauth.clientCredentials(endpoints.get(), clientId, clientSecret);
        } catch (OAuthException e) {
            throw explain(e);
        }
    }

    /** Turns a refusal of the token endpoint into what the administrator should do. */
    public static LinkFailure explain(OAuthException e) {
        if (e.isUnreachable()) {
            return LinkFailure.of(GENERAL, e.description() + " Check the network path from this server to Bitbucket.");
        }
        if (e.isInvalidClient()) {
            return LinkFailure.of("clientSecret", "Bitbucket rejected the Key or the Secret (\"" + e.description()
                    + "\"). Copy both again from Workspace settings > OAuth consumers.");
        }
        if (e.isInvalidGrant() && e.description().toLowerCase().contains("public")) {
            return LinkFailure.of("consumerType", "Bitbucket says: \"" + e.description() + "\". Tick \"This is a private"
                    + " consumer\" in the consumer's settings in Bitbucket, or use the authorization-code option.");
        }
        if (e.isInvalidResponse()) {
            return LinkFailure.of(GENERAL, e.description());
        }
        return LinkFailure.of(GENERAL, "Bitbucket refused the credentials: " + e.getMessage());
    }

    /** The grant covers the plugin's scopes and reaches the workspace. */
    public WorkspaceInfo verify(TokenGrant grant, String workspace) throws LinkFailure {
        if (grant.scopes().isEmpty()) {
            throw LinkFailure.of(GENERAL, TokenResponse.NO_SCOPE_NAMED);
        }
        List<String> missing = BitbucketScopes.missing(grant.scopes());
        if (!missing.isEmpty()) {
            throw LinkFailure.of("clientId", "The consumer lacks the permission" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + ". Edit the consumer in Bitbucket (Workspace settings > OAuth"
                    + " consumers), tick " + (missing.size() > 1 ? "them" : "it") + ", save, and link again.");
        }
        BitbucketApi api = new BitbucketApi(BitbucketHttp.forAccount(http, fixed(grant.accessToken())), endpoints.get());
        AtomicReference<WorkspaceInfo> found = new AtomicReference<>();
        try {
            api.forEachPage("/user/workspaces", Map.of("pagelen", "100"), page -> {
                for (JsonNode access : page.path("values")) {
                    JsonNode ws = access.has("workspace") ? access.path("workspace") : access;
                    if (workspace.equalsIgnoreCase(ws.path("slug").asText())) {
                        found.set(new WorkspaceInfo(ws.path("slug").asText(), ws.path("name").asText(workspace),
                                ws.path("uuid").asText(null), ws.path("links").path("avatar").path("href").asText(null)));
                        return false;
                    }
                }
                return true;
            });
        } catch (BitbucketException e) {
            throw LinkFailure.of(GENERAL, "The workspace could not be checked: " + e.getMessage());
        }
        return Optional.ofNullable(found.get()).orElseThrow(() -> LinkFailure.of("workspace",
                "Bitbucket knows no workspace \"" + workspace + "\" that this consumer may read. Check the workspace ID"
                        + " (bitbucket.org/<workspace ID>) and that the consumer belongs to that workspace."));
    }

    private AccountEntity save(LinkRequest request, TokenGrant grant, WorkspaceInfo workspace) throws LinkFailure {
        AccountEntity saved = store.inTransaction(() -> {
            // Checked again inside the transaction: two administrators may link the same workspace at once.
            if (store.findByWorkspace(LinkRequest.HOST_BITBUCKET_CLOUD, workspace.slug()).isPresent()) {
                return null;
            }
            AccountEntity account = store.ao().create(AccountEntity.class, Map.of(
                    "HOST", LinkRequest.HOST_BITBUCKET_CLOUD,
                    "WORKSPACE", workspace.slug(),
                    "AUTH_TYPE", request.consumerType().authType().name(),
                    "STATUS", AccountStatus.ACTIVE.name()));
            account.setWorkspaceName(workspace.name());
            account.setWorkspaceUuid(workspace.uuid());
            account.setAvatarUrl(workspace.avatarUrl());
            account.setAutoLink(request.autoLink());
            account.setSmartCommits(request.smartCommits());
            account.setCreatedAt(clock.millis());
            applyCredentials(account, request.consumerType(), request.clientId(), request.clientSecret(), grant);
            account.save();
            return account;
        });
        if (saved == null) {
            throw LinkFailure.of("workspace", "The workspace \"" + workspace.slug() + "\" is linked already.");
        }
        return saved;
    }

    /** Puts new, encrypted credentials and tokens on an account (link, migration, reset). */
    public void applyCredentials(AccountEntity account, ConsumerType type, String clientId, String clientSecret, TokenGrant grant) {
        account.setAuthType(type.authType().name());
        account.setClientId(clientId);
        account.setClientSecretEncrypted(secrets.seal(clientSecret));
        account.setAccessTokenEncrypted(secrets.seal(grant.accessToken()));
        account.setRefreshTokenEncrypted(secrets.seal(grant.refreshToken()));
        account.setTokenExpiresAt(grant.expiresAt().toEpochMilli());
        account.setTokenVersion(account.getTokenVersion() + 1);
        account.setScopes(String.join(" ", grant.scopes()));
    }

    private static AccessTokenSource fixed(String token) {
        return new AccessTokenSource() {
            @Override
            public String accessToken() {
                return token;
            }

            @Override
            public void invalidate(String refused) {
                // A fresh grant that Bitbucket refuses is a real failure: nothing to renew, so it is not sent again.
            }
        };
    }
}
