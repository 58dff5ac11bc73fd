package org.dvcsconnector.account;

/** A linked account as the web layer sees it. */
public record Account(int id, String host, String workspace, String authType, boolean autoLink, boolean smartCommits) {

    static Account of(AccountEntity entity) {
        return new Account(entity.getID(), entity.getHost(), entity.getWorkspace(), entity.getAuthType(),
                entity.isAutoLink(), entity.isSmartCommits());
    }
}
