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
 * background job and is cleared once processed; {@code BODY_SHA256} makes the same body for the same repository
 * (a capture replayed under a new uuid) a repeat too. Rows older than a day are pruned.
 */
@Table("WEBHOOK_DELIVERY")
public interface WebhookDeliveryEntity extends Entity {

    @NotNull
    @Unique
    String getRequestUuid();
    void setRequestUuid(String requestUuid);

    int getRepositoryId();
    void setRepositoryId(int repositoryId);

    /** The SHA-256 of the raw body, hex: a replay of the same body under a new request uuid is recognised by it. */
    @Indexed
    @StringLength(64)
    String getBodySha256();
    void setBodySha256(String bodySha256);

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
