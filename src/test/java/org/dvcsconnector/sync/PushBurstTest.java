package org.dvcsconnector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.java.ao.Query;
import org.dvcsconnector.issuekey.FakeIssues;
import org.dvcsconnector.issuekey.IssueKeyExtractor;
import org.dvcsconnector.testing.MutableClock;
import org.dvcsconnector.webhook.WebhookDeliveryEntity;
import org.dvcsconnector.webhook.WebhookProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bursts of pushes, delivered in any order: each push is applied from its payload once the pushes it builds on are,
 * so a burst costs no API request; one whose predecessor never arrives is left to one soft sync after the wait.
 */
class PushBurstTest extends WebhookTestBase {

    private static final Pattern ORDER = Pattern.compile("burst (\\d+)");

    @ParameterizedTest(name = "{0} pushes to one branch, {1}")
    @CsvSource({"5, in order", "5, reversed", "5, shuffled", "50, in order", "50, reversed", "50, shuffled"})
    void aBurstToOneBranchIsAppliedFromItsPayloadsInAnyOrder(int pushes, String order) throws Exception {
        for (int i = 0; i < pushes; i++) {
            fixture.commit(SLUG, "main", "DEMO-1 burst " + i);
        }
        List<Integer> deliveries = inPushOrder(awaitQueued(pushes));
        if (order.equals("reversed")) {
            Collections.reverse(deliveries);
        } else if (order.equals("shuffled")) {
            Collections.shuffle(deliveries, new Random(pushes));
        }
        int before = fixture.apiRequests();

        drain(deliveries, processor);

        assertNoRequestAndExactData(before);
    }

    @Test
    void interleavedBurstsOnThreeBranchesWithABranchCreatedAndPushedToAreAppliedFromTheirPayloads() throws Exception {
        String other = fixture.devInfo.branchHeads(id).keySet().stream().filter(b -> !b.equals("main")).sorted()
                .findFirst().orElseThrow();
        for (int i = 0; i < 3; i++) {
            fixture.commit(SLUG, "main", "DEMO-2 burst main " + i);
            fixture.commit(SLUG, other, "DEMO-3 burst other " + i);
        }
        fixture.branch(SLUG, "feature/DEMO-4-burst", "main");
        fixture.commit(SLUG, "feature/DEMO-4-burst", "DEMO-4 burst new 1");
        fixture.commit(SLUG, "feature/DEMO-4-burst", "DEMO-4 burst new 2");
        List<Integer> deliveries = new ArrayList<>(awaitQueued(9));
        Collections.shuffle(deliveries, new Random(9));
        int before = fixture.apiRequests();

        drain(deliveries, processor);

        assertNoRequestAndExactData(before);
        assertThat(fixture.devInfo.branchHeads(id)).containsKey("feature/DEMO-4-burst");
    }

    @Test
    void aPushWhosePredecessorNeverArrivesEndsInOneSoftSyncAfterTheWait() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        WebhookProcessor waiting = new WebhookProcessor(fixture.accounts, fixture.devInfo, sync, fixture.scheduler(),
                fixture.locks, new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC()), clock);
        for (int i = 0; i < 3; i++) {
            fixture.commit(SLUG, "main", "DEMO-5 burst " + i);
        }
        List<Integer> deliveries = inPushOrder(awaitQueued(3));
        fixture.ao.deleteWithSQL(WebhookDeliveryEntity.class, "ID = ?", deliveries.get(1)); // never delivered
        waiting.process(deliveries.get(2));
        waiting.process(deliveries.get(0)); // applied; the third, tried again in line, is still one short
        waiting.process(deliveries.get(2)); // its own job, a second later: still waiting
        assertThat(payload(deliveries.get(2))).as("still waiting").isNotNull();
        assertThat(syncsRequested()).isZero();

        clock.advance(WebhookProcessor.BURST_WAIT.plusSeconds(1));
        waiting.process(deliveries.get(2));

        assertThat(payload(deliveries.get(2))).as("given up on").isNull();
        assertThat(syncsRequested()).as("one soft sync").isEqualTo(1);
        SyncRunEntity logged = lastRun();
        assertThat(logged.getError()).isNull();
        assertThat(logged.getNote()).isEqualTo("A soft sync was requested: a push it builds on was not delivered in time.");
        sync.run(id, false);
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    @Test
    void twoNodesSharingOneBurstApplyItFromThePayloads() throws Exception {
        WebhookProcessor otherNode = new WebhookProcessor(fixture.accounts, fixture.devInfo, sync, fixture.scheduler(),
                fixture.locks, new IssueKeyExtractor(FakeIssues.projects("DEMO"), Clock.systemUTC()), Clock.systemUTC());
        for (int i = 0; i < 20; i++) {
            fixture.commit(SLUG, "main", "DEMO-6 burst " + i);
        }
        List<Integer> deliveries = new ArrayList<>(awaitQueued(20));
        Collections.shuffle(deliveries, new Random(20));
        int before = fixture.apiRequests();

        // Each node drains the whole burst at once, in its own order: the repository's lock serialises them.
        List<Integer> reversed = new ArrayList<>(deliveries);
        Collections.reverse(reversed);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> drain(deliveries, processor));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> drain(reversed, otherNode));
        CompletableFuture.allOf(first, second).get();

        assertNoRequestAndExactData(before);
    }

    /**
     * Processes the deliveries in the given order, then again whatever still waits, as the scheduler would run their
     * jobs again, until none waits or a round applies nothing.
     */
    private void drain(List<Integer> deliveries, WebhookProcessor node) {
        List<Integer> pending = new ArrayList<>(deliveries);
        while (!pending.isEmpty()) {
            pending.forEach(node::process);
            List<Integer> left = pending.stream().filter(d -> payload(d) != null).toList();
            if (left.size() == pending.size()) {
                return; // no progress: what is left waits for a delivery that is not in this list
            }
            pending = new ArrayList<>(left);
        }
    }

    private void assertNoRequestAndExactData(int requestsBefore) throws Exception {
        assertThat(fixture.ao.count(WebhookDeliveryEntity.class, Query.select().where("PAYLOAD IS NOT NULL")))
                .as("every delivery applied").isZero();
        assertThat(fixture.apiRequests() - requestsBefore).as("API requests").isZero();
        assertThat(syncsRequested()).as("soft syncs requested").isZero();
        Mirror.assertMirrors(Mirror.stored(fixture.ao, id), Mirror.expected(fixture.remote(SLUG)));
    }

    private long syncsRequested() {
        return fixture.scheduled.stream().filter(job -> job.startsWith(RepositorySync.RUNNER + "." + id + " ")).count();
    }

    private String payload(int delivery) {
        fixture.ao.flushAll(); // another node may have cleared it
        return fixture.ao.get(WebhookDeliveryEntity.class, delivery).getPayload();
    }

    /** The deliveries in the order of their pushes (each carries one commit, "burst N"). */
    private List<Integer> inPushOrder(List<Integer> deliveries) {
        List<Integer> sorted = new ArrayList<>(deliveries);
        sorted.sort(Comparator.comparingInt(this::pushNumber));
        return sorted;
    }

    private int pushNumber(int delivery) {
        try {
            JsonNode payload = JSON.readTree(payload(delivery));
            Matcher m = ORDER.matcher(payload.path("push").path("changes").get(0).path("commits").get(0)
                    .path("message").asText());
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
