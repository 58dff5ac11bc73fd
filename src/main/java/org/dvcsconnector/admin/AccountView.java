package org.dvcsconnector.admin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AuthType;

/**
 * An account as the accounts page and {@code GET /rest/dvcs/1.0/accounts} show it. No secrets, ever.
 * {@code requestBudget}: its budget of Bitbucket requests and what it has used in the last hour.
 */
public record AccountView(int id, String host, String workspace, String workspaceName, String avatarUrl,
        AuthType authType, String authBadge, AccountStatus status, String statusMessage, String tokenHealth,
        boolean autoLink, boolean smartCommits, boolean verifiedAuthorsOnly, String discoveryState, Instant discoveredAt, Deletion deletion,
        String clientId, RequestBudgetView requestBudget, List<RepositoryView> repositories, AccountSyncSummary sync) {

    /** The same account with {@code list} as its repositories and their sync summary. */
    AccountView withRepositories(List<RepositoryView> list, AccountSyncSummary summary) {
        return new AccountView(id, host, workspace, workspaceName, avatarUrl, authType, authBadge, status, statusMessage,
                tokenHealth, autoLink, smartCommits, verifiedAuthorsOnly, discoveryState, discoveredAt, deletion, clientId,
                requestBudget, List.copyOf(list), summary);
    }

    /**
     * The account's request budget: {@code perHour} (its own, or the site's {@code defaultPerHour} when {@code own} is
     * false), {@code usedThisHour} of it in the last hour ({@code usage}: the page's words for that), and the range an
     * administrator may set.
     */
    public record RequestBudgetView(int perHour, boolean own, int defaultPerHour, int usedThisHour, int floor,
            int ceiling, String usage) {}

    /** Progress of a deletion in the background: rows removed of rows to remove. */
    public record Deletion(int done, int total, int percent) {}

    @JsonIgnore
    public boolean isLegacy() {
        return authType == AuthType.OAUTH1_LEGACY;
    }

    @JsonIgnore
    public boolean isDeleting() {
        return status == AccountStatus.DELETING;
    }

    @JsonIgnore
    public boolean needsReauthorisation() {
        return status == AccountStatus.NEEDS_REAUTHORISATION;
    }

    @JsonIgnore
    public long linkedRepositories() {
        return repositories.stream().filter(RepositoryView::linked).count();
    }
}
