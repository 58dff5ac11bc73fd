package org.dvcsconnector.sync;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Table;

/** Requests an account's syncs have taken in the current hour, shared by every node. One row per account. */
@Table("REQUEST_BUDGET")
public interface RequestBudgetEntity extends Entity {

    @Indexed
    int getAccountId();
    void setAccountId(int accountId);

    /** Start of the hour the count is for, epoch millis. */
    long getWindowStart();
    void setWindowStart(long epochMillis);

    int getUsed();
    void setUsed(int used);
}
