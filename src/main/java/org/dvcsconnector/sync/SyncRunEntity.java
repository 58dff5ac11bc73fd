package org.dvcsconnector.sync;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;

/** One sync of one repository (audit log); only the latest few per repository are kept. */
@Table("SYNC_RUN")
public interface SyncRunEntity extends Entity {

    @Indexed
    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    /** FULL, SOFT or WEBHOOK. */
    String getType();
    void setType(String type);

    long getStarted();
    void setStarted(long epochMillis);

    Long getFinished();
    void setFinished(Long epochMillis);

    int getCommits();
    void setCommits(int count);

    int getBranches();
    void setBranches(int count);

    int getPullRequests();
    void setPullRequests(int count);

    int getRequests();
    void setRequests(int count);

    @StringLength(StringLength.UNLIMITED)
    String getError();
    void setError(String error);

    /** Information that is no error, such as why a push was left to a soft sync. */
    @StringLength(StringLength.UNLIMITED)
    String getNote();
    void setNote(String note);
}
