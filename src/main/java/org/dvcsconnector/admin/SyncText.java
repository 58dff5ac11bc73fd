package org.dvcsconnector.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.dvcsconnector.bitbucket.RateLimitedException;
import org.dvcsconnector.spi.I18nResolver;
import org.dvcsconnector.sync.SyncKind;
import org.dvcsconnector.sync.SyncProgress;

/**
 * The sync lines of the accounts page, the same in REST ({@code syncText} of a repository, {@code sync.text} of an
 * account) so the page's script shows what the server would render: a pause reads as a pause with its end and
 * reason, an ETA as the time left at the budget ("about 2 h 40 min at 900 requests/hour"), an unknown one as unknown.
 */
final class SyncText {

    private final I18nResolver i18n;
    private final DateTimeFormatter clock;

    SyncText(I18nResolver i18n, ZoneId zone) {
        this.i18n = i18n;
        this.clock = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    /** One repository's sync, at an account budget of {@code perHour}; null before its first sync is asked for. */
    String repository(SyncProgress p, int perHour, Instant now) {
        if (p == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        switch (p.state()) {
            case QUEUED -> parts.add(text("dvcs.admin.sync.queued." + kind(p.type())));
            case RUNNING -> {
                parts.add(text("dvcs.admin.sync.running." + kind(p.type())));
                String phase = text("dvcs.admin.sync.phase." + p.phase().name());
                parts.add(p.itemsTotal() == null ? text("dvcs.admin.sync.items", phase, p.itemsDone())
                        : text("dvcs.admin.sync.items.total", phase, p.itemsDone(), p.itemsTotal()));
                parts.add(text("dvcs.admin.sync.requests", p.requests()));
            }
            case PAUSED -> parts.add(paused(p.pauseReason(), p.resumesAt(), perHour));
            case DONE -> parts.add(text("dvcs.admin.sync.done"));
            case FAILED -> parts.add(text("dvcs.admin.sync.failed", p.error()));
            case STOPPED -> parts.add(text("dvcs.admin.sync.stopped", p.error()));
            default -> throw new IllegalStateException(String.valueOf(p.state()));
        }
        SyncProgress.History history = p.history();
        if (history != null && !history.complete()) {
            parts.add(history.pagesLeft() == null
                    ? text("dvcs.admin.sync.history.unknown", history.commitsListed())
                    : text("dvcs.admin.sync.history", history.percent(), history.commitsListed()));
        }
        if (p.pending() && p.state() != SyncProgress.State.FAILED && p.state() != SyncProgress.State.STOPPED) {
            parts.add(text("dvcs.admin.sync.eta", eta(p.eta(), p.etaRequestsPerHour(), now)));
        }
        return String.join(" · ", parts);
    }

    /** The account's line: "38 of 40 repositories synced · older history of 40 filling in · … · ETA …". */
    String account(AccountSyncSummary s, Instant now) {
        List<String> parts = new ArrayList<>();
        parts.add(text("dvcs.admin.accounts.sync.summary", s.synced(), s.repositories()));
        if (s.historyPending() > 0) {
            parts.add(text("dvcs.admin.accounts.sync.history", s.historyPending()));
        }
        if (s.running() > 0) {
            parts.add(text("dvcs.admin.accounts.sync.running", s.running()));
        }
        if (s.queued() > 0) {
            parts.add(text("dvcs.admin.accounts.sync.queued", s.queued()));
        }
        if (s.paused() > 0) {
            parts.add(text("dvcs.admin.accounts.sync.paused", s.paused(), time(s.pausedUntil())));
        }
        if (s.failed() > 0) {
            parts.add(text("dvcs.admin.accounts.sync.failed", s.failed()));
        }
        parts.add(text("dvcs.admin.accounts.sync.requests", s.requests()));
        if (s.pending()) {
            parts.add(text("dvcs.admin.sync.eta", eta(s.eta(), s.etaRequestsPerHour(), now)));
        }
        return String.join(" · ", parts);
    }

    /** "Used 412 of 900 in the last hour". */
    String budget(int used, int perHour) {
        return text("dvcs.admin.budget.usage", used, perHour);
    }

    /** "Paused until 11:00 (this account's budget of 900 requests/hour is spent)". */
    String paused(RateLimitedException.Reason reason, Instant until, int perHour) {
        RateLimitedException.Reason why = reason == null ? RateLimitedException.Reason.RATE_LIMIT : reason;
        return text("dvcs.admin.sync.paused." + why.name(), time(until), perHour);
    }

    /**
     * The time left until {@code eta}: "less than a minute", "about 25 min", "about 2 h 40 min" (to 5 minutes), "about
     * 3 d 4 h"; with "at 900 requests/hour" when the budget bounds it; "unknown" without an ETA. Never "just now": an
     * ETA that has passed while work is left reads as less than a minute.
     */
    String eta(Instant eta, Integer perHour, Instant now) {
        if (eta == null) {
            return text("dvcs.admin.sync.eta.unknown");
        }
        long minutes = (long) Math.ceil(Math.max(0, Duration.between(now, eta).toMillis()) / 60_000.0);
        String left;
        if (minutes <= 1) {
            left = text("dvcs.admin.sync.eta.soon");
        } else if (minutes < 60) {
            left = text("dvcs.admin.sync.eta.minutes", minutes);
        } else if (minutes < 48 * 60) {
            long rounded = Math.round(minutes / 5.0) * 5;
            left = rounded % 60 == 0 ? text("dvcs.admin.sync.eta.wholehours", rounded / 60)
                    : text("dvcs.admin.sync.eta.hours", rounded / 60, rounded % 60);
        } else {
            long hours = Math.round(minutes / 60.0);
            left = text("dvcs.admin.sync.eta.days", hours / 24, hours % 24);
        }
        return perHour == null ? left : text("dvcs.admin.sync.eta.rate", left, perHour);
    }

    private String time(Instant at) {
        return at == null ? "?" : clock.format(at);
    }

    private static String kind(SyncKind type) {
        return type == SyncKind.FULL || type == SyncKind.HISTORY ? type.name() : SyncKind.SOFT.name();
    }

    private String text(String key, Object... arguments) {
        return i18n.getText(key, arguments);
    }
}
