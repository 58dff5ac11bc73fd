package org.dvcsconnector.admin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AccountStore;
import org.dvcsconnector.account.RepositoryDataCleaner;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.account.RepositoryVisibility;
import org.dvcsconnector.account.RepositoryWriters;
import org.dvcsconnector.spi.JobConfig;
import org.dvcsconnector.spi.JobSchedule;
import org.dvcsconnector.spi.SchedulerService;
import org.dvcsconnector.webhook.WebhookRemoval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes an account in the background. The account is marked DELETING at once (the page shows it with
 * progress); a cluster-wide job then unlinks its repositories, so issues stop showing their data at once
 * rather than batch by batch, removes each repository's data in bounded batches, the repositories, and
 * finally the account. Every step is idempotent, so a job cut short by a restart simply runs again and
 * carries on where the data stops.
 */
public final class AccountDeletion {

    public static final String RUNNER = "dvcs.delete-account";
    private static final Logger LOG = LoggerFactory.getLogger(AccountDeletion.class);
    private static final int BATCH = 500;
    /** How long the job waits for a repository's sync to stop (it does at its next page) before trying later. */
    static final Duration WRITERS_WAIT = Duration.ofSeconds(30);

    private final AccountStore store;
    private final SchedulerService scheduler;
    private final List<RepositoryDataCleaner> cleaners;
    private final WebhookRemoval webhooks;
    private final AdminNotices notices;
    private final RepositoryVisibility visibility;
    private final RepositoryWriters writers;
    private final Clock clock;

    public AccountDeletion(AccountStore store, SchedulerService scheduler, List<RepositoryDataCleaner> cleaners,
            WebhookRemoval webhooks, AdminNotices notices, RepositoryVisibility visibility, RepositoryWriters writers,
            Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.cleaners = List.copyOf(cleaners);
        this.webhooks = webhooks;
        this.notices = notices;
        this.visibility = visibility;
        this.writers = writers;
        this.clock = clock;
    }

    public void register() {
        scheduler.registerJobRunner(RUNNER, (jobId, parameters) -> run(Integer.parseInt(parameters.get("accountId"))));
    }

    public void unregister() {
        scheduler.unregisterJobRunner(RUNNER);
    }

    /** Marks the account DELETING and queues the job; false when there is no such account. */
    public boolean request(int accountId) {
        Boolean found = store.inTransaction(() -> {
            AccountEntity account = store.find(accountId).orElse(null);
            if (account == null) {
                return false;
            }
            if (!AccountStatus.DELETING.name().equals(account.getStatus())) {
                account.setStatus(AccountStatus.DELETING.name());
                account.setStatusMessage(null);
                account.setDeleteTotal(countRows(accountId));
                account.setDeleteDone(0);
                account.save();
            }
            return true;
        });
        if (found) {
            schedule(accountId);
        }
        return found;
    }

    /** Re-queues deletions that a restart may have cut short (the job is idempotent). */
    public void resumeAll() {
        for (AccountEntity account : store.all()) {
            if (AccountStatus.DELETING.name().equals(account.getStatus())) {
                schedule(account.getID());
            }
        }
    }

    private void schedule(int accountId) {
        schedule(accountId, JobSchedule.now());
    }

    private void schedule(int accountId, JobSchedule when) {
        scheduler.scheduleJob(RUNNER + "." + accountId,
                new JobConfig(RUNNER, when, Map.of("accountId", Integer.toString(accountId))));
    }

    void run(int accountId) {
        AccountEntity account = store.find(accountId).orElse(null);
        if (account == null) {
            return;
        }
        for (RepositoryEntity repository : store.repositories(accountId)) {
            unlink(repository);
        }
        for (RepositoryEntity repository : store.repositories(accountId)) {
            // Under the repository's write lock: a sync still finishing its page (it stops at the next one) could
            // otherwise leave rows behind the batches, or register its webhook again after it was removed.
            if (!writers.whileIdle(repository.getID(), WRITERS_WAIT, () -> {
                removeWebhook(account, repository);
                delete(accountId, repository);
            })) {
                LOG.info("Deleting account {}: repository {} is still being written; carrying on in {} s", accountId,
                        repository.getID(), WRITERS_WAIT.toSeconds());
                schedule(accountId, new JobSchedule.Once(clock.instant().plus(WRITERS_WAIT)));
                return;
            }
        }
        store.inTransaction(() -> {
            store.find(accountId).ifPresent(gone -> store.ao().delete(gone));
            return null;
        });
        LOG.info("Account {} and its data are deleted", accountId);
    }

    /** While the credentials are still stored; a failure is reported to the administrator, never blocking. */
    private void removeWebhook(AccountEntity account, RepositoryEntity repository) {
        for (String failure : webhooks.removeAll(account, List.of(repository))) {
            LOG.warn("Deleting account {}: {}", account.getID(), failure);
            notices.add(failure);
        }
    }

    private void delete(int accountId, RepositoryEntity repository) {
        for (RepositoryDataCleaner cleaner : cleaners) {
            int deleted;
            do {
                deleted = store.inTransaction(() -> cleaner.deleteBatch(repository, BATCH));
                progress(accountId, deleted);
            } while (deleted > 0);
        }
        store.inTransaction(() -> {
            store.ao().delete(repository);
            return null;
        });
        progress(accountId, 1);
    }

    /** Its data stops counting for issues now; deleting it can take minutes. */
    private void unlink(RepositoryEntity repository) {
        if (repository.isLinked()) {
            store.inTransaction(() -> {
                repository.setLinked(false);
                repository.save();
                visibility.changed(repository.getID());
                return null;
            });
        }
    }

    private void progress(int accountId, int deleted) {
        if (deleted > 0) {
            store.find(accountId).ifPresent(account -> {
                account.setDeleteDone(Math.min(account.getDeleteTotal(), account.getDeleteDone() + deleted));
                account.save();
            });
        }
    }

    private int countRows(int accountId) {
        int total = 1;
        for (RepositoryEntity repository : store.repositories(accountId)) {
            total += 1;
            for (RepositoryDataCleaner cleaner : cleaners) {
                total += cleaner.remaining(repository);
            }
        }
        return total;
    }
}
