package org.dvcsconnector.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountLinker;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.account.ConsumerType;
import org.dvcsconnector.account.LinkFailure;
import org.dvcsconnector.account.LinkRequest;
import org.dvcsconnector.account.PendingAuthorization;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.RepositoryVisibility;
import org.dvcsconnector.account.Secrets;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.oauth.OAuthException;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.bitbucket.oauth.TokenGrant;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.sync.AccountRequestBudgets;
import org.dvcsconnector.sync.RepositoryDiscovery;
import org.dvcsconnector.sync.RepositorySync;
import org.dvcsconnector.sync.SyncProgress;
import org.dvcsconnector.sync.SyncRunView;
import org.dvcsconnector.webhook.WebhookRegistration;

/**
 * What the administrator does with accounts, for the page and REST alike: list, link (both grants),
 * re-authorise or migrate, change options, delete.
 */
public final class AccountAdmin {

    public static final String CALLBACK_PATH = "/plugins/servlet/dvcs/oauth/callback";
    private static final Duration PENDING_TTL = Duration.ofMinutes(15);

    private final AccountStore store;
    private final AccountLinker linker;
    private final Secrets secrets;
    private final OAuthTokenClient oauth;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final RepositoryDiscovery discovery;
    private final AccountDeletion deletion;
    private final RepositorySync sync;
    private final Clock clock;
    private final WebhookRegistration webhooks;
    private final RepositoryVisibility visibility;
    private final AccountViews views;
    private final SecureRandom random = new SecureRandom();

    /** {@code i18n}: the sync lines' words; {@code budgets}: the accounts' request budgets, shown and edited here. */
    public AccountAdmin(AccountStore store, AccountLinker linker, Secrets secrets, OAuthTokenClient oauth,
            Supplier<BitbucketEndpoints> endpoints, RepositoryDiscovery discovery, AccountDeletion deletion, RepositorySync sync, Clock clock,
            WebhookRegistration webhooks, RepositoryVisibility visibility, AccountRequestBudgets budgets, I18nResolver i18n) {
        this.views = new AccountViews(budgets, new SyncText(i18n, ZoneId.systemDefault()), clock);
        this.webhooks = webhooks;
        this.visibility = visibility;
        this.store = store;
        this.linker = linker;
        this.secrets = secrets;
        this.oauth = oauth;
        this.endpoints = endpoints;
        this.discovery = discovery;
        this.deletion = deletion;
        this.sync = sync;
        this.clock = clock;
    }

    /**
     * Every account with its repositories: two queries, whatever the number of accounts. Each account is read
     * before its repositories (entities are live objects another thread may change): a discovery shown DONE
     * therefore always comes with the repositories it stored.
     */
    public List<AccountView> list() {
        List<AccountView> accounts = store.all().stream().map(this::snapshot).toList();
        Map<Integer, List<RepositoryEntity>> repositories = new HashMap<>();
        Map<Integer, SyncProgress> progress = sync.progress();
        for (RepositoryEntity repository : store.allRepositories()) {
            repositories.computeIfAbsent(repository.getAccountId(), id -> new ArrayList<>()).add(repository);
        }
        return accounts.stream().map(a -> views.withRepositories(a, repositories.getOrDefault(a.id(), List.of()),
                progress)).toList();
    }

    public Optional<AccountView> get(int accountId) {
        return store.find(accountId).map(account -> {
            AccountView snapshot = snapshot(account); // read before the repositories, as in list()
            return views.withRepositories(snapshot, store.repositories(accountId), sync.progress());
        });
    }

    /** Links with a private consumer and starts discovering repositories in the background. */
    public AccountView linkPrivate(LinkRequest request) throws LinkFailure {
        if (request.consumerType() == ConsumerType.PUBLIC) {
            throw LinkFailure.of("consumerType", "A public consumer needs the authorization-code round trip:"
                    + " use the Link button on the DVCS accounts page.");
        }
        AccountEntity account = linker.linkPrivate(request);
        discovery.requestNow(account.getID());
        return get(account.getID()).orElseThrow();
    }

    /**
     * Starts the authorization-code round trip for a new link: the form is checked first, then the
     * administrator is sent to Bitbucket with a fresh single-use state.
     */
    public PendingAuthorization beginLink(LinkRequest request, String baseUrl) throws LinkFailure {
        linker.checkForm(request);
        return pending(null, request.workspace(), request.clientId(), request.clientSecret(), request.autoLink(),
                request.smartCommits(), baseUrl);
    }

    /** Starts the round trip to put new (public-consumer) credentials on an existing account. */
    public PendingAuthorization beginReauthorisation(int accountId, String clientId, String clientSecret, String baseUrl)
            throws LinkFailure {
        AccountEntity account = requireAccount(accountId);
        checkCredentials(clientId, clientSecret);
        return pending(accountId, account.getWorkspace(), clientId.trim(), clientSecret.trim(), account.isAutoLink(),
                account.isSmartCommits(), baseUrl);
    }

    public String authorizeUrl(PendingAuthorization pending) {
        return OAuthTokenClient.authorizeUrl(endpoints.get(), pending.clientId(), pending.state(), pending.redirectUri());
    }

    /** Bitbucket came back with a code for {@code pending}: exchange it, check it, save. */
    public AccountView completeAuthorization(PendingAuthorization pending, String code) throws LinkFailure {
        if (pending.createdAt().plus(PENDING_TTL).isBefore(clock.instant())) {
            throw LinkFailure.of(AccountLinker.GENERAL, "The authorization took longer than "
                    + PENDING_TTL.toMinutes() + " minutes; start again.");
        }
        String secret = secrets.open(pending.clientSecretSealed());
        TokenGrant grant;
        try {
            grant = oauth.authorizationCode(endpoints.get(), pending.clientId(), secret, code, pending.redirectUri());
        } catch (OAuthException e) {
            throw AccountLinker.explain(e);
        }
        if (pending.accountId() != null) {
            return replaceCredentials(pending.accountId(), ConsumerType.PUBLIC, pending.clientId(), secret, grant);
        }
        LinkRequest request = new LinkRequest(LinkRequest.HOST_BITBUCKET_CLOUD, pending.workspace(), pending.clientId(),
                secret, ConsumerType.PUBLIC, pending.autoLink(), pending.smartCommits());
        AccountEntity account = linker.linkWithGrant(request, grant);
        discovery.requestNow(account.getID());
        return get(account.getID()).orElseThrow();
    }

    /**
     * New private-consumer credentials for an account (OAuth 1.0 migration, or reset after Bitbucket
     * refused the old ones): checked like a link, swapped in place; repositories and settings stay.
     */
    public AccountView replacePrivateCredentials(int accountId, String clientId, String clientSecret) throws LinkFailure {
        requireAccount(accountId);
        checkCredentials(clientId, clientSecret);
        TokenGrant grant = linker.clientCredentials(clientId.trim(), clientSecret.trim());
        return replaceCredentials(accountId, ConsumerType.PRIVATE, clientId.trim(), clientSecret.trim(), grant);
    }

    private AccountView replaceCredentials(int accountId, ConsumerType type, String clientId, String secret,
            TokenGrant grant) throws LinkFailure {
        AccountEntity account = requireAccount(accountId);
        linker.verify(grant, account.getWorkspace());
        store.inTransaction(() -> {
            AccountEntity fresh = store.find(accountId).orElseThrow();
            linker.applyCredentials(fresh, type, clientId, secret, grant);
            fresh.setStatus(AccountStatus.ACTIVE.name());
            fresh.setStatusMessage(null);
            fresh.save();
            return null;
        });
        discovery.requestNow(accountId);
        return get(accountId).orElseThrow();
    }

    public boolean delete(int accountId) {
        return deletion.request(accountId);
    }

    /** Changes the account's options, {@code verifiedAuthorsOnly} among them; null leaves one as it is. */
    public Optional<AccountView> updateAccount(int accountId, Boolean autoLink, Boolean smartCommits,
            Boolean verifiedAuthorsOnly) {
        Optional<AccountEntity> account = store.find(accountId);
        account.ifPresent(a -> {
            if (autoLink != null) {
                a.setAutoLink(autoLink);
            }
            if (smartCommits != null) {
                a.setSmartCommits(smartCommits);
            }
            if (verifiedAuthorsOnly != null) {
                a.setVerifiedAuthorsOnly(verifiedAuthorsOnly);
            }
            a.save();
        });
        return account.flatMap(a -> get(accountId));
    }

    /**
     * Sets the account's request budget (requests an hour; null: the site's default), from the next sync run on; a
     * {@link LinkFailure} naming {@code requestBudget} when it is outside [{@value AccountRequestBudgets#FLOOR},
     * {@value AccountRequestBudgets#CEILING}]. Empty when there is no such account.
     */
    public Optional<AccountView> setRequestBudget(int accountId, Integer perHour) throws LinkFailure {
        checkRequestBudget(perHour);
        Optional<AccountEntity> account = store.find(accountId);
        account.ifPresent(a -> {
            a.setRequestBudget(perHour);
            a.save();
        });
        return account.flatMap(a -> get(accountId));
    }

    /** Fails, naming {@code requestBudget}, for a budget an administrator may not set. */
    public static void checkRequestBudget(Integer perHour) throws LinkFailure {
        if (perHour != null && !AccountRequestBudgets.allowed(perHour)) {
            throw LinkFailure.of("requestBudget", REQUEST_BUDGET_RULE);
        }
    }

    /** What a request budget must be, in words. */
    public static final String REQUEST_BUDGET_RULE = String.format(java.util.Locale.ROOT,
            "Give a whole number of requests an hour from %,d to %,d (Bitbucket allows each consumer about 1,000 an hour).",
            AccountRequestBudgets.FLOOR, AccountRequestBudgets.CEILING);

    /** Changes a repository's options; null leaves one as it is. */
    public Optional<RepositoryView> updateRepository(int repositoryId, Boolean linked, Boolean smartCommits) {
        Optional<RepositoryEntity> repository = store.repository(repositoryId);
        repository.ifPresent(r -> {
            boolean newlyLinked = Boolean.TRUE.equals(linked) && !r.isLinked() && !r.isDeleted();
            boolean unlinked = Boolean.FALSE.equals(linked) && r.isLinked();
            store.inTransaction(() -> {
                if (linked != null && !r.isDeleted()) {
                    r.setLinked(linked);
                }
                if (smartCommits != null) {
                    r.setSmartCommits(smartCommits);
                }
                r.save();
                if (newlyLinked || unlinked) {
                    visibility.changed(r.getID());
                }
                return null;
            });
            if (newlyLinked) {
                sync.request(r.getID(), false); // the first sync of a repository runs in full; its webhook follows it
            }
            if (unlinked) {
                store.find(r.getAccountId()).ifPresent(a -> webhooks.remove(a, r));
            }
        });
        return repository.map(r -> views.view(r, sync.progress().get(r.getID())));
    }

    /** What became of a sync request. */
    public enum SyncRequest { STARTED, NO_SUCH_ACCOUNT, NOT_NOW }

    /**
     * Queues a refresh of the account's repositories; {@link SyncRequest#NOT_NOW} for an account that is
     * being deleted, needs re-authorisation, or still uses OAuth 1.0 ({@link #syncRefusal} says why).
     */
    public SyncRequest requestSync(int accountId) {
        return requestSync(accountId, false);
    }

    /**
     * Queues discovery (which then soft-syncs each linked repository, fully the first time) and, when
     * {@code full}, a full sync of each linked repository now.
     */
    public SyncRequest requestSync(int accountId, boolean full) {
        Optional<AccountEntity> account = store.find(accountId);
        if (account.isEmpty()) {
            return SyncRequest.NO_SUCH_ACCOUNT;
        }
        if (syncRefusal(account.get()).isPresent()) {
            return SyncRequest.NOT_NOW;
        }
        if (full) {
            sync.requestAccount(accountId, true);
        }
        discovery.requestNow(accountId);
        return SyncRequest.STARTED;
    }

    /** Why the account cannot sync now, in words for the administrator; empty when it can. */
    public Optional<String> syncRefusal(int accountId) {
        return store.find(accountId).flatMap(AccountAdmin::syncRefusal);
    }

    private static Optional<String> syncRefusal(AccountEntity account) {
        if (AccountStatus.DELETING.name().equals(account.getStatus())) {
            return Optional.of("The account is being deleted.");
        }
        if (AccountStatus.NEEDS_REAUTHORISATION.name().equals(account.getStatus())) {
            return Optional.of("Bitbucket no longer accepts the account's credentials: use \"Reset OAuth settings\" first.");
        }
        if (!AuthType.valueOf(account.getAuthType()).isOAuth2()) {
            return Optional.of("The account still uses OAuth 1.0: migrate it to OAuth 2.0 first.");
        }
        return Optional.empty();
    }

    /** Queues a soft or full sync of one repository; false when there is no such repository. */
    /** The account's sync audit log, newest first; empty when there is no such account. */
    public Optional<List<SyncRunView>> syncLog(int accountId, int limit) {
        if (store.find(accountId).isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, String> names = new java.util.LinkedHashMap<>();
        store.repositories(accountId).forEach(r -> names.put(r.getID(), r.getName() == null ? r.getSlug() : r.getName()));
        return Optional.of(sync.auditLog(names, limit));
    }

    /** One repository's sync audit log, newest first; empty when there is no such repository. */
    public Optional<List<SyncRunView>> repositorySyncLog(int repositoryId, int limit) {
        return store.repository(repositoryId).map(r -> sync.auditLog(
                Map.of(r.getID(), r.getName() == null ? r.getSlug() : r.getName()), limit));
    }

    public boolean requestRepositorySync(int repositoryId, boolean full) {
        return sync.request(repositoryId, full);
    }

    private PendingAuthorization pending(Integer accountId, String workspace, String clientId, String clientSecret,
            boolean autoLink, boolean smartCommits, String baseUrl) {
        byte[] state = new byte[24];
        random.nextBytes(state);
        return new PendingAuthorization(Base64.getUrlEncoder().withoutPadding().encodeToString(state), accountId,
                workspace, clientId, secrets.seal(clientSecret), autoLink, smartCommits, baseUrl + CALLBACK_PATH,
                clock.instant());
    }

    private static void checkCredentials(String clientId, String clientSecret) throws LinkFailure {
        Map<String, String> errors = new LinkRequest(null, "placeholder", clientId, clientSecret, ConsumerType.PRIVATE,
                false, false).validate();
        if (!errors.isEmpty()) {
            throw new LinkFailure(errors);
        }
    }

    private AccountEntity requireAccount(int accountId) throws LinkFailure {
        AccountEntity account = store.find(accountId)
                .orElseThrow(() -> LinkFailure.of(AccountLinker.GENERAL, "There is no account " + accountId + "."));
        if (AccountStatus.DELETING.name().equals(account.getStatus())) {
            throw LinkFailure.of(AccountLinker.GENERAL, "The account is being deleted.");
        }
        return account;
    }

    /** The account's own fields, read now; its repositories are added by {@link AccountView#withRepositories}. */
    private AccountView snapshot(AccountEntity account) {
        AuthType type = AuthType.valueOf(account.getAuthType());
        AccountStatus status = AccountStatus.valueOf(account.getStatus());
        AccountView.Deletion deleting = status == AccountStatus.DELETING
                ? new AccountView.Deletion(account.getDeleteDone(), account.getDeleteTotal(),
                        account.getDeleteTotal() == 0 ? 0 : 100 * account.getDeleteDone() / account.getDeleteTotal())
                : null;
        return new AccountView(account.getID(), account.getHost(), account.getWorkspace(),
                account.getWorkspaceName() == null ? account.getWorkspace() : account.getWorkspaceName(),
                account.getAvatarUrl(), type, type.badge(), status, account.getStatusMessage(),
                tokenHealth(account, type, status), account.isAutoLink(), account.isSmartCommits(),
                account.isVerifiedAuthorsOnly(),
                account.getDiscoveryState(), instant(account.getDiscoveredAt()), deleting, account.getClientId(),
                views.budget(account), List.of(), AccountSyncSummary.of(List.of()));
    }

    private String tokenHealth(AccountEntity account, AuthType type, AccountStatus status) {
        if (type == AuthType.OAUTH1_LEGACY) {
            return "OAuth 1.0 is deprecated: migrate to OAuth 2.0 to sync again";
        }
        if (status == AccountStatus.NEEDS_REAUTHORISATION) {
            return "Needs re-authorisation";
        }
        Long expires = account.getTokenExpiresAt();
        if (expires == null || expires <= clock.millis()) {
            return "Renews on next use";
        }
        return "Valid, renews automatically";
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
