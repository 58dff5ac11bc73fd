package org.dvcsconnector.webhook;

import net.java.ao.Entity;
import net.java.ao.schema.Indexed;
import net.java.ao.schema.NotNull;
import net.java.ao.schema.StringLength;
import net.java.ao.schema.Table;
import net.java.ao.schema.Unique;

/**
 * A webhook delivery accepted for processing. The unique {@code REQUEST_UUID} makes a repeated delivery (a
 * Bitbucket retry, a replay) a failed insert on every node of a cluster; the payload waits here for the
 * background job and is cleared once processed. Rows older than a day are pruned.
 */
@Table("WEBHOOK_DELIVERY")
public interface WebhookDeliveryEntity extends Entity {

    @NotNull
    @Unique
    String getRequestUuid();
    void setRequestUuid(String requestUuid);

    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    String getEvent();
    void setEvent(String event);

    @Indexed
    long getReceivedAt();
    void setReceivedAt(long epochMillis);

    /** The raw JSON; null once processed. */
    @StringLength(StringLength.UNLIMITED)
    String getPayload();
    void setPayload(String payload);
}
