package org.dvcsconnector.sync;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Table;

/** Requests an account's syncs took in one minute, shared by every node: a rolling hour is the rows of the last 61 minutes. */
@Table("REQUEST_BUDGET")
public interface RequestBudgetEntity extends Entity {

    @Indexed
    int getAccountId();
    void setAccountId(int accountId);

    /** Start of the minute the count is for, epoch millis. */
    long getWindowStart();
    void setWindowStart(long epochMillis);

    int getUsed();
    void setUsed(int used);
}
