package org.dvcsconnector.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

/**
 * The idle cost benchmark, run by {@code bench/idle.sh}: Bitbucket API requests an hour for a quiet workspace (no
 * pushes, no pull requests, no webhooks) under the safety net, measured from the simulator's stats over a simulated
 * day, side by side in one run with the safety net as it was before (a soft sync of every linked repository each
 * hour), once with the budget lifted (what it asks for) and once with the default budget of 900 (what it gets, all of
 * it). Arguments: {@code [repositories=1000] [hours=24]}.
 */
public final class IdleBenchmark {

    private IdleBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repositories = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int budget = AccountRequestBudgets.DEFAULT_PER_HOUR;
        // a line per sync (thousands) would bury the table
        if (org.slf4j.LoggerFactory.getLogger("org.dvcsconnector") instanceof ch.qos.logback.classic.Logger plugin) {
            plugin.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        try (IdleDay day = new IdleDay(repositories)) {
            long started = System.nanoTime();
            day.syncAllInFull();
            System.out.printf("%,d quiet repositories synced in full in %.1f s%n", repositories,
                    (System.nanoTime() - started) / 1e9);

            SafetyNetSync safetyNet = day.safetyNet();
            List<Long> after = new ArrayList<>();
            for (int h = 0; h < hours; h++) {
                after.add(day.hour(safetyNet::runOnce));
            }
            Runnable oldSafetyNet = () -> day.sync.requestAccount(day.fixture.accountId, false);
            day.settings.put(AccountRequestBudgets.SETTING, Integer.toString(Integer.MAX_VALUE));
            long beforeAsked = day.hour(oldSafetyNet);
            day.settings.remove(AccountRequestBudgets.SETTING);
            long beforeGot = day.hour(oldSafetyNet);
            int paused = (int) day.sync.progress().values().stream()
                    .filter(p -> p.state() == SyncProgress.State.PAUSED).count();

            LongSummaryStatistics stats = after.stream().mapToLong(Long::longValue).summaryStatistics();
            System.out.println();
            System.out.printf("Idle Bitbucket API requests per hour, %,d quiet repositories (budget %d an hour per account)%n",
                    repositories, budget);
            System.out.printf("%-58s %10s %9s%n", "", "req/hour", "budget");
            System.out.printf("%-58s %,10d %8.0f%%%n", "before: soft sync of every repository hourly (asked)", beforeAsked,
                    100.0 * beforeAsked / budget);
            System.out.printf("%-58s %,10d %8.0f%%   %d repositories left paused%n",
                    "before: the same within the budget (spent)", beforeGot, 100.0 * beforeGot / budget, paused);
            System.out.printf("%-58s %,10.1f %8.1f%%   min %d, max %d over %d hours%n",
                    "after: changed-repository listing + 24 h rotation", stats.getAverage(), 100.0 * stats.getAverage() / budget,
                    stats.getMin(), stats.getMax(), hours);
            System.out.println("after, per hour: " + after);
            System.out.printf("after = ceil(n/100) listing pages (1 when none changed) + %d x ceil(n/24) soft-sync requests"
                    + " = 1 + %d x %d%n", IdleRotation.QUIET_SOFT_SYNC, IdleRotation.QUIET_SOFT_SYNC,
                    IdleRotation.slice(repositories, SafetyNetSync.DEFAULT_INTERVAL, SafetyNetSync.DEFAULT_ROTATION));
        }
        System.exit(0);
    }
}
