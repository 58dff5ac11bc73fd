package org.dvcsconnector.sync;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.AuthType;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.PluginSettings;
import org.dvcsconnector.spi.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduled soft sync of every active account, so that a webhook Bitbucket never delivered is caught
 * within the interval. One cluster-wide job (hourly unless the setting {@value #INTERVAL_SETTING} says
 * otherwise, in minutes, at least 5); soft syncs cost two requests per repository when nothing changed.
 */
public final class SafetyNetSync {

    public static final String RUNNER = "dvcs.safety-net";
    public static final String INTERVAL_SETTING = "sync.safetyNetMinutes";
    static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    private static final WholeNumberSetting INTERVAL_MINUTES = new WholeNumberSetting(INTERVAL_SETTING,
            DEFAULT_INTERVAL.toMinutes(), 5, "minutes");
    private static final Logger LOG = LoggerFactory.getLogger(SafetyNetSync.class);

    private final AccountStore accounts;
    private final RepositorySync sync;
    private final SchedulerService scheduler;
    private final PluginSettings settings;
    private final Clock clock;

    public SafetyNetSync(AccountStore accounts, RepositorySync sync, SchedulerService scheduler, PluginSettings settings,
            Clock clock) {
        this.accounts = accounts;
        this.sync = sync;
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

    /** Queues a soft sync of each active OAuth 2.0 account's linked repositories; returns how many accounts. */
    int runOnce() {
        int queued = 0;
        for (AccountEntity account : accounts.all()) {
            if (AccountStatus.ACTIVE.name().equals(account.getStatus())
                    && AuthType.valueOf(account.getAuthType()).isOAuth2()) {
                sync.requestAccount(account.getID(), false);
                queued++;
            }
        }
        LOG.debug("Safety-net soft sync queued for {} accounts", queued);
        return queued;
    }

    Duration interval() {
        return Duration.ofMinutes(INTERVAL_MINUTES.read(settings));
    }
}
