package org.dvcsconnector.sync;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.Table;

/**
 * Where the safety net's look at an account's changed repositories starts next time: one row per account, shared by
 * every node (the safety net is one cluster-wide job). A row whose account is gone is removed by the next run.
 */
@Table("SAFETY_NET_CURSOR")
public interface SafetyNetCursorEntity extends Entity {

    @Indexed
    int getAccountId();
    void setAccountId(int accountId);

    /** When the last complete listing of changed repositories started, epoch millis (our clock). */
    long getChangedSince();
    void setChangedSince(long epochMillis);
}
