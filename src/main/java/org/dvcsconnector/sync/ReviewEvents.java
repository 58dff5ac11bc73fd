package org.dvcsconnector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dvcsconnector.api.DevEventType;
import org.dvcsconnector.devevent.DevEventOutbox;
import org.dvcsconnector.devevent.NewDevEvent;
import org.dvcsconnector.devinfo.DevInfoStore;
import org.dvcsconnector.issuekey.IssueKey;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.spi.SchedulerService;

/**
 * Reviews (an approval, a request for changes) as development events, straight from their webhooks: a sync sees
 * who approves now, not who just did, so only the delivery can say that a review happened. The receiver drops
 * repeated deliveries, so each review raises its event once; storing the approvals is left to the soft sync the
 * webhook asks for.
 */
public final class ReviewEvents {

    /** Webhook event → (development event, the payload's field that holds the review's {@code date} and {@code user}). */
    private static final Map<String, Map.Entry<DevEventType, String>> EVENTS = Map.of(
            "pullrequest:approved", Map.entry(DevEventType.PULLREQUEST_APPROVED, "approval"),
            "pullrequest:changes_request_created", Map.entry(DevEventType.PULLREQUEST_CHANGES_REQUESTED,
                    "changes_request"));

    private final IssueKeyExtractor keys;
    private final DevEventOutbox outbox;
    private final Clock clock;

    public ReviewEvents(DevInfoStore store, IssueKeyExtractor keys, SchedulerService scheduler, Clock clock) {
        this.keys = keys;
        this.outbox = new DevEventOutbox(store.db(), scheduler, clock);
        this.clock = clock;
    }

    /** Whether the webhook event is a review this class records. */
    public static boolean isReview(String webhookEvent) {
        return EVENTS.containsKey(webhookEvent);
    }

    /**
     * Records the review's event for the issues the pull request's title and source branch name (as a sync links
     * them). Empty when the event is no review, or names no issue; else the type recorded.
     */
    public Optional<DevEventType> record(int repositoryId, String webhookEvent, JsonNode payload) {
        Map.Entry<DevEventType, String> kind = EVENTS.get(webhookEvent);
        if (kind == null) {
            return Optional.empty();
        }
        JsonNode pr = payload.path("pullrequest");
        JsonNode review = payload.path(kind.getValue());
        if (!pr.path("id").canConvertToLong()) {
            return Optional.empty();
        }
        List<String> issueKeys = Stream.of(pr.path("title").asText(null),
                        pr.path("source").path("branch").path("name").asText(null))
                .flatMap(text -> keys.extract(text).stream()).map(IssueKey::key).distinct().toList();
        if (issueKeys.isEmpty()) {
            return Optional.empty();
        }
        Actor actor = Actor.of(review.path("user").isObject() ? review.path("user") : payload.path("actor"));
        outbox.record(repositoryId, List.of(new NewDevEvent(kind.getKey(), pr.path("id").asText(), issueKeys, null,
                null, actor.accountId(), actor.displayName(), pr.path("links").path("html").path("href").asText(null),
                time(review.path("date").asText(null)))));
        outbox.wake();
        return Optional.of(kind.getKey());
    }

    /** The review's own time; the receipt's when the payload's is missing or unreadable. */
    private long time(String iso) {
        try {
            return iso == null ? clock.millis() : OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return clock.millis();
        }
    }
}
