package org.dvcsconnector.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.RepositoryEntity;
import org.dvcsconnector.bitbucket.RequestBudget;
import org.dvcsconnector.sync.AccountRequestBudgets;
import org.dvcsconnector.sync.SyncProgress;

/**
 * How an account's repositories, their syncs and its request budget look on the page and in REST: each repository
 * with its sync line, the account's summary line, and the budget with what it has used in the last hour.
 */
final class AccountViews {

    private final AccountRequestBudgets budgets;
    private final SyncText text;
    private final Clock clock;

    AccountViews(AccountRequestBudgets budgets, SyncText text, Clock clock) {
        this.budgets = budgets;
        this.text = text;
        this.clock = clock;
    }

    /** The account's budget as it stands now. */
    AccountView.RequestBudgetView budget(AccountEntity account) {
        RequestBudget.Usage usage = budgets.forAccount(account.getID()).usage();
        return new AccountView.RequestBudgetView(usage.perHour(), account.getRequestBudget() != null,
                budgets.defaultPerHour(), usage.used(), AccountRequestBudgets.FLOOR, AccountRequestBudgets.CEILING,
                text.budget(usage.used(), usage.perHour()));
    }

    /** {@code account} (a snapshot with its budget) with {@code repositories} and their sync states. */
    AccountView withRepositories(AccountView account, List<RepositoryEntity> repositories,
            Map<Integer, SyncProgress> progress) {
        Instant now = clock.instant();
        int perHour = account.requestBudget().perHour();
        List<RepositoryView> views = repositories.stream().map(r -> view(r, progress.get(r.getID()), perHour, now))
                .toList();
        AccountSyncSummary summary = AccountSyncSummary.of(views);
        return account.withRepositories(views, summary.withText(text.account(summary, now)));
    }

    /** One repository, at its account's budget of {@code perHour}. */
    RepositoryView view(RepositoryEntity repository, SyncProgress progress, int perHour, Instant now) {
        return new RepositoryView(repository.getID(), repository.getAccountId(), repository.getSlug(),
                repository.getName() == null ? repository.getSlug() : repository.getName(), repository.getAvatarUrl(),
                repository.isLinked(), repository.isSmartCommits(), repository.isDeleted(),
                progress == null ? null : progress.state(), instant(repository.getLastSyncAt()), progress,
                text.repository(progress, perHour, now), webhookState(repository), repository.getHookError());
    }

    RepositoryView view(RepositoryEntity repository, SyncProgress progress) {
        return view(repository, progress, budgets.forAccount(repository.getAccountId()).perHour(), clock.instant());
    }

    private static String webhookState(RepositoryEntity repository) {
        if (!repository.isLinked() || repository.isDeleted()) {
            return "NONE";
        }
        if (repository.getHookUuid() != null) {
            return "REGISTERED";
        }
        return repository.getHookError() == null ? "PENDING" : "FAILED";
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
