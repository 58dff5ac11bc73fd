package org.dvcsconnector.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.dvcsconnector.bitbucket.AccessTokenSource;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.oauth.OAuthException;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.bitbucket.oauth.TokenGrant;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Valid access tokens for accounts. A token is refreshed a minute before it expires, or at once after
 * Bitbucket refused it. Refreshing holds a cluster lock per account and re-reads the account under it,
 * so one node refreshes and the others use its result; the rotated refresh token is stored with an
 * atomic compare-and-set. A refusal for good marks the account "needs re-authorisation"; its synced
 * data stays.
 */
public final class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private static final Duration EARLY = Duration.ofSeconds(60);
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private final AccountStore store;
    private final Secrets secrets;
    private final OAuthTokenClient oauth;
    private final ClusterLockService locks;
    private final java.util.function.Supplier<BitbucketEndpoints> endpoints;
    private final Clock clock;

    public TokenService(AccountStore store, Secrets secrets, OAuthTokenClient oauth, ClusterLockService locks,
            java.util.function.Supplier<BitbucketEndpoints> endpoints, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.oauth = oauth;
        this.locks = locks;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /** The token source of one account, for {@code BitbucketHttp.forAccount}. */
    public AccessTokenSource forAccount(int accountId) {
        return new AccessTokenSource() {
            @Override
            public String accessToken() throws BitbucketException {
                return TokenService.this.accessToken(accountId);
            }

            @Override
            public void invalidate(String token) {
                TokenService.this.invalidate(accountId, token);
            }
        };
    }

    public String accessToken(int accountId) throws BitbucketException {
        AccountEntity account = account(accountId);
        if (isFresh(account)) {
            return secrets.open(account.getAccessTokenEncrypted());
        }
        ClusterLock lock = locks.getLockForName("dvcs.token." + accountId);
        try {
            if (!lock.tryLock(LOCK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new BitbucketException(0, "Another node has been refreshing this account's token for over "
                        + LOCK_WAIT.toSeconds() + " s; try again shortly.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BitbucketException(0, "Interrupted while waiting to refresh the token");
        }
        try {
            store.ao().flushAll();
            account = account(accountId);
            if (isFresh(account)) {
                return secrets.open(account.getAccessTokenEncrypted());
            }
            return refresh(account);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code token} if it is still the stored one, so the next call refreshes. */
    void invalidate(int accountId, String token) {
        store.ao().flushAll();
        AccountEntity account = store.find(accountId).orElse(null);
        if (account != null && account.getAccessTokenEncrypted() != null
                && Objects.equals(secrets.open(account.getAccessTokenEncrypted()), token)) {
            store.swapTokens(accountId, account.getTokenVersion(), account.getAccessTokenEncrypted(),
                    account.getRefreshTokenEncrypted(), 0L, account.getScopes());
        }
    }

    private String refresh(AccountEntity account) throws BitbucketException {
        AuthType type = AuthType.valueOf(account.getAuthType());
        if (!type.isOAuth2()) {
            throw new BitbucketException(0, "This account still uses OAuth 1.0, which the connector no longer"
                    + " calls Bitbucket with: migrate it to OAuth 2.0.");
        }
        String clientSecret = secrets.open(account.getClientSecretEncrypted());
        String refreshToken = secrets.open(account.getRefreshTokenEncrypted());
        TokenGrant grant;
        try {
            grant = type == AuthType.OAUTH2_PRIVATE_CONSUMER || refreshToken == null
                    ? privateGrant(account, clientSecret, refreshToken)
                    : oauth.refresh(endpoints.get(), account.getClientId(), clientSecret, refreshToken);
        } catch (OAuthException e) {
            if (e.isInvalidGrant() || e.isInvalidClient()) {
                needsReauthorisation(account, e);
            }
            throw new BitbucketException(e.status(), (e.isInvalidResponse()
                    ? "Bitbucket's answer when renewing the access token could not be used: "
                    : "Bitbucket refused to renew the access token: ")
                    + (e.description().isBlank() ? e.error() : e.description()));
        }
        String access = secrets.seal(grant.accessToken());
        String refresh = grant.refreshToken() == null ? account.getRefreshTokenEncrypted() : secrets.seal(grant.refreshToken());
        if (!store.swapTokens(account.getID(), account.getTokenVersion(), access, refresh,
                grant.expiresAt().toEpochMilli(), grant.scopes().isEmpty() ? account.getScopes()
                        : String.join(" ", grant.scopes()))) {
            // Only possible if the cluster lock was lost; the stored tokens are newer than ours.
            store.ao().flushAll();
            return secrets.open(account(account.getID()).getAccessTokenEncrypted());
        }
        LOG.debug("Renewed the access token of account {} until {}", account.getID(), grant.expiresAt());
        return grant.accessToken();
    }

    /** A private consumer can always get a new token with its own credentials; a refresh token saves nothing. */
    private TokenGrant privateGrant(AccountEntity account, String clientSecret, String refreshToken) throws OAuthException {
        if (AuthType.valueOf(account.getAuthType()) == AuthType.OAUTH2_PRIVATE_CONSUMER) {
            return oauth.clientCredentials(endpoints.get(), account.getClientId(), clientSecret);
        }
        throw new OAuthException(400, "invalid_grant", "No refresh token is stored for this account");
    }

    private void needsReauthorisation(AccountEntity account, OAuthException cause) {
        LOG.warn("Account {} ({}) needs re-authorisation: Bitbucket said {}", account.getID(), account.getWorkspace(),
                cause.error());
        store.inTransaction(() -> {
            AccountEntity fresh = store.find(account.getID()).orElse(null);
            if (fresh == null || AccountStatus.DELETING.name().equals(fresh.getStatus())) {
                return null; // a deletion goes on without credentials; the admin must not be asked to renew them
            }
            fresh.setStatus(AccountStatus.NEEDS_REAUTHORISATION.name());
            fresh.setStatusMessage("Bitbucket no longer accepts this account's OAuth credentials ("
                    + (cause.description().isBlank() ? cause.error() : cause.description())
                    + "). Use \"Reset OAuth settings\" to enter the consumer's key and secret again; no synced data is lost.");
            fresh.save();
            return null;
        });
    }

    private boolean isFresh(AccountEntity account) {
        Long expires = account.getTokenExpiresAt();
        return account.getAccessTokenEncrypted() != null && expires != null
                && Instant.ofEpochMilli(expires).isAfter(clock.instant().plus(EARLY));
    }

    private AccountEntity account(int accountId) throws BitbucketException {
        return store.find(accountId).orElseThrow(() -> new BitbucketException(404, "Account " + accountId + " no longer exists"));
    }
}
