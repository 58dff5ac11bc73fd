package org.dvcsconnector.admin;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import org.dvcsconnector.account.AccountStatus;
import org.dvcsconnector.account.AuthType;

/** An account as the accounts page and {@code GET /rest/dvcs/1.0/accounts} show it. No secrets, ever. */
public record AccountView(int id, String host, String workspace, String workspaceName, String avatarUrl,
        AuthType authType, String authBadge, AccountStatus status, String statusMessage, String tokenHealth,
        boolean autoLink, boolean smartCommits, boolean verifiedAuthorsOnly, String discoveryState, Instant discoveredAt, Deletion deletion,
        String clientId, List<RepositoryView> repositories, AccountSyncSummary sync) {

    /** The same account with {@code list} as its repositories (and their sync summary). */
    public AccountView withRepositories(List<RepositoryView> list) {
        return new AccountView(id, host, workspace, workspaceName, avatarUrl, authType, authBadge, status, statusMessage,
                tokenHealth, autoLink, smartCommits, verifiedAuthorsOnly, discoveryState, discoveredAt, deletion, clientId, List.copyOf(list),
                AccountSyncSummary.of(list));
    }

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
