package org.dvcsconnector.account;

import net.java.ao.Entity;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** A linked Bitbucket workspace. */
@Table("ACCOUNT")
public interface AccountEntity extends Entity {

    @NotNull
    String getHost();
    void setHost(String host);

    @NotNull
    @StringLength(100)
    String getWorkspace();
    void setWorkspace(String workspace);

    @NotNull
    String getAuthType();
    void setAuthType(String authType);

    boolean isAutoLink();
    void setAutoLink(boolean autoLink);

    boolean isSmartCommits();
    void setSmartCommits(boolean smartCommits);
}
