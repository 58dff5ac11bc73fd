package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.dvcsconnector.account.RepositoryDataCleaner;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.RequestBudget;
import org.dvcsconnector.spi.ActiveObjects;
import org.dvcsconnector.spi.ClusterLock;
import org.dvcsconnector.spi.ClusterLockService;
import org.dvcsconnector.spi.PluginSettings;

/**
 * Per-account request budgets over clock-hour windows, counted in the database so every node draws on the
 * same budget. A node reserves {@value #CHUNK} requests at a time under the account's cluster lock (one
 * short transaction per {@value #CHUNK} requests, not per request); a reservation is only good for the hour
 * it was made in. The size is the setting {@value #SETTING} (requests per hour per account), default
 * {@value #DEFAULT_PER_HOUR}: under Bitbucket's own limit of about 1,000 per user, so the connector pauses
 * itself before Bitbucket starts refusing, and leaves the rest of the hour to the others.
 */
public final class AccountRequestBudgets implements RepositoryDataCleaner {

    public static final String SETTING = "sync.requestsPerHourPerAccount";
    static final int DEFAULT_PER_HOUR = 900;
    static final int CHUNK = 10;
    static final int MINIMUM = 10;
    private static final WholeNumberSetting PER_HOUR = new WholeNumberSetting(SETTING, DEFAULT_PER_HOUR, MINIMUM, "requests");
    private static final Duration WINDOW = Duration.ofHours(1);

    private final ActiveObjects ao;
    private final ClusterLockService locks;
    private final PluginSettings settings;
    private final Clock clock;
    /** Requests this node reserved and has not sent yet, per account. */
    private final Map<Integer, Reservation> reserved = new ConcurrentHashMap<>();

    private record Reservation(long windowStart, int left) {}

    public AccountRequestBudgets(ActiveObjects ao, ClusterLockService locks, PluginSettings settings, Clock clock) {
        this.ao = ao;
        this.locks = locks;
        this.settings = settings;
        this.clock = clock;
    }

    /** The budget one account's sync draws on. */
    public RequestBudget forAccount(int accountId) {
        int perHour = perHour();
        return new RequestBudget() {
            @Override
            public Optional<Instant> take() {
                return AccountRequestBudgets.this.take(accountId, perHour);
            }

            @Override
            public int perHour() {
                return perHour;
            }
        };
    }

    int perHour() {
        return (int) Math.min(Integer.MAX_VALUE, PER_HOUR.read(settings));
    }

    private Optional<Instant> take(int accountId, int perHour) {
        long window = windowStart();
        boolean[] taken = {false};
        reserved.computeIfPresent(accountId, (id, r) -> {
            if (r.windowStart() != window || r.left() <= 0) {
                return r;
            }
            taken[0] = true;
            return new Reservation(window, r.left() - 1);
        });
        return taken[0] ? Optional.empty() : reserve(accountId, perHour, window);
    }

    private Optional<Instant> reserve(int accountId, int perHour, long window) {
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
            int granted = ao.executeInTransaction(() -> {
                RequestBudgetEntity[] rows = ao.find(RequestBudgetEntity.class, "ACCOUNT_ID = ?", accountId);
                RequestBudgetEntity row = rows.length > 0 ? rows[0]
                        : ao.create(RequestBudgetEntity.class, Map.of("ACCOUNT_ID", accountId, "WINDOW_START", window));
                if (row.getWindowStart() != window) {
                    row.setWindowStart(window);
                    row.setUsed(0);
                }
                int grant = Math.min(CHUNK, perHour - row.getUsed());
                if (grant <= 0) {
                    row.save();
                    return 0;
                }
                row.setUsed(row.getUsed() + grant);
                row.save();
                return grant;
            });
            if (granted == 0) {
                return Optional.of(Instant.ofEpochMilli(window).plus(WINDOW));
            }
            // One of the granted requests is this one; two threads reserving at once pool what is left.
            reserved.merge(accountId, new Reservation(window, granted - 1), (a, b) ->
                    a.windowStart() == b.windowStart() ? new Reservation(window, a.left() + b.left()) : b);
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    private long windowStart() {
        long now = clock.millis();
        return now - Math.floorMod(now, WINDOW.toMillis());
    }

    // A deleted account's budget row goes with its repositories' data.

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
