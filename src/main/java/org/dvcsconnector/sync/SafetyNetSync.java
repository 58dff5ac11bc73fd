package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import net.java.ao.Query;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.bitbucket.RequestBudget;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.PluginSettings;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches what a webhook Bitbucket never delivered left out, at a bounded cost. One cluster-wide job (hourly unless
 * the setting {@value #INTERVAL_SETTING} says otherwise, in minutes, at least 5); for each active OAuth 2.0 account:
 * <ol>
 * <li><b>Changed repositories.</b> One workspace listing per 100 repositories Bitbucket updated since the last run
 * ({@link ChangedRepositories}, from the account's stored cursor less {@link #OVERLAP} for clock skew), and a soft sync
 * of each. A push (commits, a new or deleted branch, a merge) moves a repository's {@code updated_on}, so a missed
 * {@code repo:push} shows within one interval.</li>
 * <li><b>Rotation.</b> {@link IdleRotation}: a soft sync of the least recently synced of the others, enough that each
 * linked repository gets one within {@value #ROTATION_SETTING} (default 24 hours), within {@value #IDLE_SHARE_PERCENT} %
 * of the account's request budget. This catches what {@code updated_on} does not show: pull-request activity
 * (created, updated, approved, declined, merged without a push it could see) and build statuses.</li>
 * </ol>
 * A quiet workspace of 1,000 repositories thus costs 1 + 2 × ⌈1000/24⌉ = 85 requests an hour (9.4 % of 900), not 2,000.
 * The cursor moves only after a complete listing, so a failed run leaves the next to cover its gap.
 */
public final class SafetyNetSync {

    public static final String RUNNER = "dvcs.safety-net";
    public static final String INTERVAL_SETTING = "sync.safetyNetMinutes";
    public static final String ROTATION_SETTING = "sync.safetyNetRotationHours";
    static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    static final Duration DEFAULT_ROTATION = Duration.ofHours(24);
    /** Bitbucket's clock and ours may disagree a little: each listing reaches back this much before its cursor. */
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final int IDLE_SHARE_PERCENT = 10;
    private static final WholeNumberSetting INTERVAL_MINUTES = new WholeNumberSetting(INTERVAL_SETTING,
            DEFAULT_INTERVAL.toMinutes(), 5, "minutes");
    private static final WholeNumberSetting ROTATION_HOURS = new WholeNumberSetting(ROTATION_SETTING,
            DEFAULT_ROTATION.toHours(), 1, "hours");
    private static final Logger LOG = LoggerFactory.getLogger(SafetyNetSync.class);

    private final AccountStore accounts;
    private final RepositorySync sync;
    private final ChangedRepositories changed;
    private final IntFunction<RequestBudget> budgets;
    private final SchedulerService scheduler;
    private final PluginSettings settings;
    private final Clock clock;

    public SafetyNetSync(AccountStore accounts, RepositorySync sync, ChangedRepositories changed,
            IntFunction<RequestBudget> budgets, SchedulerService scheduler, PluginSettings settings, Clock clock) {
        this.accounts = accounts;
        this.sync = sync;
        this.changed = changed;
        this.budgets = budgets;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock;
    }

    /** Registers the runner and (re)schedules the job with the configured interval. */
    public void start() {
        scheduler.registerJobRunner(RUNNER, (jobId, parameters) -> runOnce());
        Duration every = interval();
        scheduler.scheduleJob(RUNNER, new JobConfig(RUNNER, new JobSchedule.Interval(every, clock.instant().plus(every)),
                Map.of()));
    }

    public void stop() {
        scheduler.unregisterJobRunner(RUNNER);
    }

    /** One round over every active OAuth 2.0 account; returns how many accounts it looked at. */
    int runOnce() {
        List<AccountEntity> all = accounts.all();
        forgetCursorsOfDeletedAccounts(all);
        Map<Integer, SyncProgress> progress = sync.progress();
        int looked = 0;
        for (AccountEntity account : all) {
            if (AccountStatus.ACTIVE.name().equals(account.getStatus())
                    && AuthType.valueOf(account.getAuthType()).isOAuth2()) {
                runAccount(account, progress);
                looked++;
            }
        }
        return looked;
    }

    private void runAccount(AccountEntity account, Map<Integer, SyncProgress> progress) {
        Instant now = clock.instant();
        Duration interval = interval();
        List<RepositoryEntity> linked = accounts.repositories(account.getID()).stream()
                .filter(r -> r.isLinked() && !r.isDeleted()).toList();
        if (linked.isEmpty()) {
            saveCursor(account.getID(), now); // nothing to sync: no request, and no gap to cover once one is linked
            return;
        }
        Instant since = cursor(account.getID()).map(SafetyNetCursorEntity::getChangedSince).map(Instant::ofEpochMilli)
                .orElse(now.minus(interval));
        Set<Integer> requested = new HashSet<>();
        int listing = 1;
        try {
            ChangedRepositories.Listing found = changed.since(account, since.minus(OVERLAP));
            listing = found.requests();
            requested.addAll(requestChanged(linked, found.repositories(), progress));
            saveCursor(account.getID(), now);
            if (!found.repositories().isEmpty()) {
                LOG.info("Safety net: {} repositories of {} changed since {} ({} requests); {} soft syncs queued",
                        found.repositories().size(), account.getWorkspace(), since, listing, requested.size());
            }
        } catch (RateLimitedException e) {
            LOG.info("Safety net skips {} until {}: {}", account.getWorkspace(), e.resumeAt(), e.getMessage());
            return; // the budget is spent: rotating now would only queue syncs that pause
        } catch (BitbucketException e) {
            LOG.warn("Safety net could not list the changed repositories of {} (the next run covers this one's gap): {}",
                    account.getWorkspace(), e.getMessage());
        }
        rotate(account, linked, progress, requested, interval, listing);
    }

    /** Soft-syncs the linked ones among the changed repositories, unless one is waiting to run already. */
    private Set<Integer> requestChanged(List<RepositoryEntity> linked, List<ChangedRepositories.Changed> changedOnes,
            Map<Integer, SyncProgress> progress) {
        Map<String, RepositoryEntity> byKey = new HashMap<>();
        for (RepositoryEntity repository : linked) {
            if (repository.getUuid() != null) {
                byKey.put(repository.getUuid(), repository);
            }
            byKey.putIfAbsent("slug:" + repository.getSlug().toLowerCase(Locale.ROOT), repository);
        }
        Set<Integer> requested = new HashSet<>();
        for (ChangedRepositories.Changed c : changedOnes) {
            RepositoryEntity repository = c.uuid() != null && byKey.containsKey(c.uuid()) ? byKey.get(c.uuid())
                    : byKey.get("slug:" + c.slug().toLowerCase(Locale.ROOT));
            if (repository == null) {
                continue; // not linked (or not discovered yet)
            }
            SyncProgress.State state = state(progress, repository.getID());
            // Queued or paused: it runs anyway and reads what is there then. Running: it may have read before the change.
            if (state != SyncProgress.State.QUEUED && state != SyncProgress.State.PAUSED
                    && sync.request(repository.getID(), false)) {
                requested.add(repository.getID());
            }
        }
        return requested;
    }

    private void rotate(AccountEntity account, List<RepositoryEntity> linked, Map<Integer, SyncProgress> progress,
            Set<Integer> requested, Duration interval, int listingRequests) {
        List<IdleRotation.Candidate> candidates = new ArrayList<>();
        for (RepositoryEntity repository : linked) {
            SyncProgress p = progress.get(repository.getID());
            SyncProgress.State state = p == null ? null : p.state();
            if (requested.contains(repository.getID()) || state == SyncProgress.State.QUEUED
                    || state == SyncProgress.State.RUNNING || state == SyncProgress.State.PAUSED) {
                continue;
            }
            long attempted = p != null && p.finishedAt() != null ? p.finishedAt().toEpochMilli()
                    : repository.getLastSyncAt() != null ? repository.getLastSyncAt() : 0L;
            int cost = p != null && p.state() == SyncProgress.State.DONE && p.type() == SyncKind.SOFT && p.requests() > 0
                    ? p.requests() : IdleRotation.QUIET_SOFT_SYNC;
            candidates.add(new IdleRotation.Candidate(repository.getID(), attempted, cost));
        }
        int slice = IdleRotation.slice(linked.size(), interval, rotation());
        int share = IdleRotation.budget(budgets.apply(account.getID()).perHour(), IDLE_SHARE_PERCENT / 100.0, interval)
                - listingRequests;
        List<Integer> picked = IdleRotation.pick(candidates, slice, share);
        picked.forEach(id -> sync.request(id, false));
        if (picked.size() < Math.min(slice, candidates.size())) {
            LOG.info("Safety net: {} of {} repositories of {} in this run's rotation, not {}: their soft syncs would "
                    + "spend more than {} % of the account's request budget; the rotation takes longer than {} h",
                    picked.size(), linked.size(), account.getWorkspace(), slice, IDLE_SHARE_PERCENT, rotation().toHours());
        } else {
            LOG.debug("Safety net: {} of {} repositories of {} in this run's rotation", picked.size(), linked.size(),
                    account.getWorkspace());
        }
    }

    private static SyncProgress.State state(Map<Integer, SyncProgress> progress, int repositoryId) {
        SyncProgress p = progress.get(repositoryId);
        return p == null ? null : p.state();
    }

    private Optional<SafetyNetCursorEntity> cursor(int accountId) {
        SafetyNetCursorEntity[] rows = accounts.ao().find(SafetyNetCursorEntity.class, "ACCOUNT_ID = ?", accountId);
        return rows.length == 0 ? Optional.empty() : Optional.of(rows[0]);
    }

    private void saveCursor(int accountId, Instant listedAt) {
        accounts.ao().executeInTransaction(() -> {
            SafetyNetCursorEntity row = cursor(accountId).orElseGet(() -> accounts.ao().create(SafetyNetCursorEntity.class,
                    Map.of("ACCOUNT_ID", accountId, "CHANGED_SINCE", listedAt.toEpochMilli())));
            row.setChangedSince(listedAt.toEpochMilli());
            row.save();
            return null;
        });
    }

    private void forgetCursorsOfDeletedAccounts(List<AccountEntity> all) {
        Set<Integer> ids = new HashSet<>();
        all.forEach(a -> ids.add(a.getID()));
        for (SafetyNetCursorEntity row : accounts.ao().find(SafetyNetCursorEntity.class, Query.select())) {
            if (!ids.contains(row.getAccountId())) {
                accounts.ao().delete(row);
            }
        }
    }

    Duration interval() {
        return Duration.ofMinutes(INTERVAL_MINUTES.read(settings));
    }

    Duration rotation() {
        return Duration.ofHours(ROTATION_HOURS.read(settings));
    }
}
