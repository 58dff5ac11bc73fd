package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.RepositoryDataCleaner;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.RequestBudget;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.PluginSettings;

/**
 * Per-account request budgets over a rolling hour, counted in the database so every node draws on the same budget.
 * Requests are counted in one-minute buckets ({@link RequestBudgetEntity}, at most 61 rows an account); a bucket
 * counts for {@link #COUNTED} from the start of its minute, so no 60 minutes ever see more than the budget. A node
 * reserves {@value #CHUNK} requests at a time under the account's cluster lock (one short transaction per
 * {@value #CHUNK} requests, not per request); a reservation is only good in the minute it was made in.
 *
 * <p>The size is the account's own budget ({@link AccountEntity#getRequestBudget()}, edited on the accounts page
 * and in REST within [{@value #FLOOR}, {@value #CEILING}]) or, for an account without one, the setting
 * {@value #SETTING}, default {@value #DEFAULT_PER_HOUR}: under Bitbucket's own limit of about 1,000 an hour per
 * consumer, so the connector pauses itself before Bitbucket starts refusing, and leaves the rest to the others.
 */
public final class AccountRequestBudgets implements RepositoryDataCleaner {

    public static final String SETTING = "sync.requestsPerHourPerAccount";
    public static final int DEFAULT_PER_HOUR = 900;
    /** The smallest budget: an hourly soft sync of a 30-repository workspace (two requests each) still fits. */
    public static final int FLOOR = 60;
    /** The largest: five times Bitbucket's standard hourly limit; beyond it a budget is no budget at all. */
    public static final int CEILING = 5_000;
    static final int CHUNK = 10;
    static final Duration BUCKET = Duration.ofMinutes(1);
    /** How long a bucket counts, from the start of its minute: the hour after its last request, and no less. */
    static final Duration COUNTED = Duration.ofHours(1).plus(BUCKET);
    private static final WholeNumberSetting PER_HOUR = new WholeNumberSetting(SETTING, DEFAULT_PER_HOUR, FLOOR, "requests");

    private final ActiveObjects ao;
    private final ClusterLockService locks;
    private final PluginSettings settings;
    private final Clock clock;
    /** Requests this node reserved and has not sent yet, per account. */
    private final Map<Integer, Reservation> reserved = new ConcurrentHashMap<>();

    private record Reservation(long bucket, int left) {}

    public AccountRequestBudgets(ActiveObjects ao, ClusterLockService locks, PluginSettings settings, Clock clock) {
        this.ao = ao;
        this.locks = locks;
        this.settings = settings;
        this.clock = clock;
    }

    /** The budget one account's sync draws on, its size read now (a change applies from the next sync run). */
    public RequestBudget forAccount(int accountId) {
        int perHour = perHour(accountId);
        return new RequestBudget() {
            @Override
            public Optional<Instant> take() {
                return AccountRequestBudgets.this.take(accountId, perHour);
            }

            @Override
            public int perHour() {
                return perHour;
            }

            @Override
            public Usage usage() {
                return AccountRequestBudgets.this.usage(accountId, perHour);
            }
        };
    }

    /** The budget of an account without its own: the setting, within [{@value #FLOOR}, {@value #CEILING}]. */
    public int defaultPerHour() {
        return (int) Math.min(CEILING, PER_HOUR.read(settings));
    }

    /** Whether an administrator may give an account this budget. */
    public static boolean allowed(int perHour) {
        return perHour >= FLOOR && perHour <= CEILING;
    }

    int perHour(int accountId) {
        AccountEntity account = ao.get(AccountEntity.class, accountId);
        Integer own = account == null ? null : account.getRequestBudget();
        return own == null ? defaultPerHour() : Math.max(1, own);
    }

    private Optional<Instant> take(int accountId, int perHour) {
        long bucket = bucketStart(clock.millis());
        boolean[] taken = {false};
        reserved.computeIfPresent(accountId, (id, r) -> {
            if (r.bucket() != bucket || r.left() <= 0) {
                return r;
            }
            taken[0] = true;
            return new Reservation(bucket, r.left() - 1);
        });
        return taken[0] ? Optional.empty() : reserve(accountId, perHour, bucket);
    }

    private Optional<Instant> reserve(int accountId, int perHour, long bucket) {
        ClusterLock lock = locks.getLockForName("dvcs.budget." + accountId);
        try {
            if (!lock.tryLock(30, TimeUnit.SECONDS)) {
                return Optional.of(clock.instant().plusSeconds(60)); // the lock holder is stuck: try again soon
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(clock.instant());
        }
        try {
            long now = clock.millis();
            long[] refill = {0};
            int granted = ao.executeInTransaction(() -> {
                List<RequestBudgetEntity> live = live(accountId, now, true);
                int used = live.stream().mapToInt(RequestBudgetEntity::getUsed).sum();
                int grant = Math.min(CHUNK, perHour - used);
                if (grant <= 0) {
                    // Room again once the oldest bucket stops counting.
                    refill[0] = live.stream().mapToLong(RequestBudgetEntity::getWindowStart).min().orElse(now)
                            + COUNTED.toMillis();
                    return 0;
                }
                RequestBudgetEntity row = live.stream().filter(r -> r.getWindowStart() == bucket).findFirst()
                        .orElseGet(() -> ao.create(RequestBudgetEntity.class,
                                Map.of("ACCOUNT_ID", accountId, "WINDOW_START", bucket)));
                row.setUsed(row.getUsed() + grant);
                row.save();
                return grant;
            });
            if (granted == 0) {
                return Optional.of(Instant.ofEpochMilli(Math.max(refill[0], now + 1000)));
            }
            // One of the granted requests is this one; two threads reserving at once pool what is left.
            reserved.merge(accountId, new Reservation(bucket, granted - 1), (a, b) ->
                    a.bucket() == b.bucket() ? new Reservation(bucket, a.left() + b.left()) : b);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The account's buckets that still count at {@code now}; with {@code prune}, deletes those that do not. */
    private List<RequestBudgetEntity> live(int accountId, long now, boolean prune) {
        List<RequestBudgetEntity> live = new ArrayList<>();
        List<RequestBudgetEntity> expired = new ArrayList<>();
        for (RequestBudgetEntity row : ao.find(RequestBudgetEntity.class, "ACCOUNT_ID = ?", accountId)) {
            (row.getWindowStart() + COUNTED.toMillis() > now ? live : expired).add(row);
        }
        if (prune && !expired.isEmpty()) {
            ao.delete(expired.toArray(new RequestBudgetEntity[0]));
        }
        return live;
    }

    RequestBudget.Usage usage(int accountId, int perHour) {
        long now = clock.millis();
        List<RequestBudget.Counted> counted = new ArrayList<>();
        for (RequestBudgetEntity row : live(accountId, now, false)) {
            counted.add(new RequestBudget.Counted(Instant.ofEpochMilli(row.getWindowStart()).plus(COUNTED), row.getUsed()));
        }
        counted.sort(java.util.Comparator.comparing(RequestBudget.Counted::until));
        return new RequestBudget.Usage(perHour, counted, COUNTED);
    }

    private static long bucketStart(long millis) {
        return millis - Math.floorMod(millis, BUCKET.toMillis());
    }

    // A deleted account's budget rows go with its repositories' data.

    @Override
    public int remaining(RepositoryEntity repository) {
        return ao.count(RequestBudgetEntity.class, net.java.ao.Query.select().where("ACCOUNT_ID = ?",
                repository.getAccountId()));
    }

    @Override
    public int deleteBatch(RepositoryEntity repository, int limit) {
        RequestBudgetEntity[] rows = ao.find(RequestBudgetEntity.class, "ACCOUNT_ID = ?", repository.getAccountId());
        if (rows.length > 0) {
            ao.delete(rows);
        }
        reserved.remove(repository.getAccountId());
        return rows.length;
    }
}
