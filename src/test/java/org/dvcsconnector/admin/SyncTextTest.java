package org.dvcsconnector.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.refapp.i18n.HostI18nResolver;
import org.dvcsconnector.sync.SyncKind;
import org.dvcsconnector.sync.SyncProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The accounts page's sync lines, with the plugin's own messages. */
class SyncTextTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static SyncText text;

    @BeforeAll
    static void messages() throws Exception {
        HostI18nResolver i18n = new HostI18nResolver();
        i18n.add("plugin", SyncTextTest.class.getClassLoader(), "i18n/dvcs-connector");
        text = new SyncText(i18n, ZoneOffset.UTC);
    }

    @Test
    void anEtaIsTheTimeLeftAtTheBudgetAndNeverJustNow() {
        assertThat(text.eta(NOW.plus(Duration.ofMinutes(160)), 900, NOW)).isEqualTo("about 2 h 40 min at 900 requests/hour");
        assertThat(text.eta(NOW.plus(Duration.ofMinutes(158)), 900, NOW)).as("to 5 minutes").isEqualTo("about 2 h 40 min at 900 requests/hour");
        assertThat(text.eta(NOW.plus(Duration.ofMinutes(61)), 60, NOW)).isEqualTo("about 1 h at 60 requests/hour");
        assertThat(text.eta(NOW.plus(Duration.ofMinutes(25)), null, NOW)).isEqualTo("about 25 min");
        assertThat(text.eta(NOW.plusSeconds(24), null, NOW)).isEqualTo("less than a minute");
        assertThat(text.eta(NOW.minusSeconds(30), null, NOW)).as("a passed ETA while work is left").isEqualTo("less than a minute");
        assertThat(text.eta(NOW.plus(Duration.ofHours(76)), 60, NOW)).isEqualTo("about 3 d 4 h at 60 requests/hour");
        assertThat(text.eta(null, null, NOW)).isEqualTo("unknown");
    }

    @Test
    void aPauseSaysUntilWhenAndWhy() {
        SyncProgress paused = progress(SyncProgress.State.PAUSED, NOW.plus(Duration.ofMinutes(61)),
                RateLimitedException.Reason.BUDGET, new SyncProgress.History(false, 2_000, NOW, NOW, 180),
                NOW.plus(Duration.ofMinutes(160)));
        assertThat(text.repository(paused, 900, NOW)).isEqualTo("Paused until 11:01 (this account's budget of 900"
                + " requests/hour is spent) · recent work synced; older history 10% (2,000 commits) · ETA about 2 h 40 min"
                + " at 900 requests/hour");
        SyncProgress limited = progress(SyncProgress.State.PAUSED, NOW.plus(Duration.ofMinutes(3)),
                RateLimitedException.Reason.RATE_LIMIT, null, null);
        assertThat(text.repository(limited, 900, NOW)).isEqualTo("Paused until 10:03 (Bitbucket's rate limit for this"
                + " consumer is reached) · ETA unknown");
    }

    @Test
    void theAccountsLineCountsPausedApartFromFailed() {
        AccountSyncSummary summary = new AccountSyncSummary(4, 3, 1, 0, 0, 1, 3, 0, 912, NOW.plus(Duration.ofMinutes(61)),
                NOW.plus(Duration.ofMinutes(160)), 900, null);
        assertThat(text.account(summary, NOW)).isEqualTo("3 of 4 repositories synced · older history of 1 filling in"
                + " · 1 paused until 11:01 · 912 Bitbucket requests in the latest runs · ETA about 2 h 40 min at 900"
                + " requests/hour");
    }

    private static SyncProgress progress(SyncProgress.State state, Instant resumes, RateLimitedException.Reason reason,
            SyncProgress.History history, Instant eta) {
        return new SyncProgress(state, SyncKind.HISTORY, SyncProgress.Phase.HISTORY, 0, null, 0, null, null, null, null,
                resumes, reason, history != null, history, eta, null, eta == null ? null : 900);
    }
}
