package org.dvcsconnector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.dvcsconnector.account.AccountEntity;
import org.dvcsconnector.account.TokenService;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.bitbucket.RequestBudget;

/**
 * The repositories of an account's workspace that Bitbucket updated after a given instant, newest first:
 * {@code GET /repositories/{workspace}?q=updated_on > …&sort=-updated_on&pagelen=100}, one request per 100 changed
 * repositories (one when none changed), charged to the account's budget. Paging stops at the first repository not
 * newer than the instant too, so a server that ignored {@code q} would still cost only the pages of changed ones.
 */
public final class ChangedRepositories {

    /** BBQL's date-time literal: ISO-8601 with its offset spelled out ({@code +00:00}). */
    private static final DateTimeFormatter BBQL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    /** A changed repository as the listing names it. */
    public record Changed(String uuid, String slug, Instant updatedOn) {}

    /** The changed repositories and the requests it took to list them. */
    public record Listing(List<Changed> repositories, int requests) {}

    private final TokenService tokens;
    private final OkHttpClient http;
    private final Supplier<BitbucketEndpoints> endpoints;
    private final IntFunction<RequestBudget> budgets;

    public ChangedRepositories(TokenService tokens, OkHttpClient http, Supplier<BitbucketEndpoints> endpoints,
            IntFunction<RequestBudget> budgets) {
        this.tokens = tokens;
        this.http = http;
        this.endpoints = endpoints;
        this.budgets = budgets;
    }

    /** The account's repositories updated after {@code since} (to the second, rounded down). */
    public Listing since(AccountEntity account, Instant since) throws BitbucketException {
        BitbucketApi api = new BitbucketApi(BitbucketHttp.forAccount(http, tokens.forAccount(account.getID()),
                budgets.apply(account.getID())), endpoints.get());
        Instant after = since.truncatedTo(ChronoUnit.SECONDS);
        List<Changed> changed = new ArrayList<>();
        int[] requests = {0};
        api.forEachPage("/repositories/" + account.getWorkspace(), Map.of("q", query(after), "sort", "-updated_on",
                "pagelen", "100", "fields", "next,values.uuid,values.slug,values.updated_on"), page -> {
                    requests[0]++;
                    for (JsonNode repository : page.path("values")) {
                        Instant updated = updatedOn(repository);
                        if (updated != null && !updated.isAfter(after)) {
                            return false; // sorted newest first: the rest are older
                        }
                        changed.add(new Changed(repository.path("uuid").asText(null), repository.path("slug").asText(),
                                updated));
                    }
                    return true;
                });
        return new Listing(changed, requests[0]);
    }

    static String query(Instant after) {
        return "updated_on > " + BBQL_TIME.format(after.atOffset(ZoneOffset.UTC));
    }

    private static Instant updatedOn(JsonNode repository) {
        try {
            return OffsetDateTime.parse(repository.path("updated_on").asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // listed as changed: a soft sync too many beats one missed
        }
    }
}
