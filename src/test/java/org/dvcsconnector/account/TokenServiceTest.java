package org.dvcsconnector.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dvcsconnector.bitbucket.BitbucketApi;
import org.dvcsconnector.bitbucket.BitbucketException;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.refapp.simulator.oauth.Consumer;
import org.dvcsconnector.testing.Dvcs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

    private AccountFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new AccountFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aFreshTokenIsUsedAsStoredWithoutAskingBitbucket() throws Exception {
        int id = fixture.linkPrivate();
        int before = fixture.tokenRequests();
        String token = fixture.tokenService().accessToken(id);
        assertThat(fixture.simulator.oauth().accessToken(token)).isPresent();
        assertThat(fixture.tokenRequests()).isEqualTo(before);
    }

    @Test
    void anExpiredPrivateConsumerTokenIsRenewedWithClientCredentials() throws Exception {
        int id = fixture.linkPrivate();
        String old = fixture.tokenService().accessToken(id);
        fixture.expire(id);
        String renewed = fixture.tokenService().accessToken(id);
        assertThat(renewed).isNotEqualTo(old);
        assertThat(fixture.simulator.oauth().accessToken(renewed)).isPresent();
        assertThat(fixture.store.find(id).orElseThrow().getTokenVersion()).isEqualTo(2);
    }

    @Test
    void refreshTokensRotateAndEachIsUsedOnce() throws Exception {
        int id = fixture.linkPublic();
        TokenService tokens = fixture.tokenService();
        Set<String> refreshTokens = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String refresh = fixture.secrets.open(fixture.store.find(id).orElseThrow().getRefreshTokenEncrypted());
            assertThat(refreshTokens.add(refresh)).as("a new refresh token each time").isTrue();
            fixture.expire(id);
            assertThat(fixture.simulator.oauth().accessToken(tokens.accessToken(id))).isPresent();
        }
        // The first refresh token was spent: Bitbucket (the simulator) refuses it now.
        Consumer consumer = fixture.simulator.oauth().consumer("demo-public").orElseThrow();
        String first = refreshTokens.iterator().next();
        assertThatThrownBy(() -> fixture.simulator.oauth().refresh(consumer, first)).hasMessageContaining("refresh_token");
    }

    @Test
    void concurrentCallersOnTwoNodesRefreshOnceAndShareTheResult() throws Exception {
        int id = fixture.linkPublic();
        fixture.expire(id);
        TokenService nodeA = fixture.tokenService();
        TokenService nodeB = fixture.tokenService();
        int before = fixture.tokenRequests();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TokenService node = i % 2 == 0 ? nodeA : nodeB;
            results.add(pool.submit((Callable<String>) () -> {
                go.await();
                return node.accessToken(id);
            }));
        }
        go.countDown();
        Set<String> tokens = new HashSet<>();
        for (Future<String> result : results) {
            tokens.add(result.get());
        }
        pool.shutdown();
        assertThat(tokens).hasSize(1);
        assertThat(fixture.tokenRequests() - before).as("token endpoint calls").isEqualTo(1);
        assertThat(fixture.store.find(id).orElseThrow().getStatus()).isEqualTo(AccountStatus.ACTIVE.name());
    }

    @Test
    void aRevokedRefreshTokenMarksTheAccountForReauthorisationAndKeepsItsData() throws Exception {
        int id = fixture.linkPublic();
        RepositoryEntity repository = fixture.ao.create(RepositoryEntity.class,
                java.util.Map.of("ACCOUNT_ID", id, "SLUG", "webapp"));
        // Someone else spent our refresh token (or Bitbucket revoked it).
        String refresh = fixture.secrets.open(fixture.store.find(id).orElseThrow().getRefreshTokenEncrypted());
        fixture.simulator.oauth().refresh(fixture.simulator.oauth().consumer("demo-public").orElseThrow(), refresh);
        fixture.expire(id);

        assertThatThrownBy(() -> fixture.tokenService().accessToken(id))
                .isInstanceOf(BitbucketException.class).hasMessageContaining("refused to renew");
        AccountEntity account = fixture.store.find(id).orElseThrow();
        assertThat(account.getStatus()).isEqualTo(AccountStatus.NEEDS_REAUTHORISATION.name());
        assertThat(account.getStatusMessage()).contains("Reset OAuth settings").contains("no synced data is lost");
        assertThat(fixture.store.repositories(id)).extracting(RepositoryEntity::getID).containsExactly(repository.getID());
    }

    @Test
    void aTokenThatExpiresInTheMiddleOfWorkIsRenewedAfterTheRefusal() throws Exception {
        int id = fixture.linkPrivate();
        TokenService tokens = fixture.tokenService();
        BitbucketApi api = new BitbucketApi(BitbucketHttp.forAccount(fixture.http, tokens.forAccount(id)), fixture.endpoints.get());
        assertThat(api.get("/user/workspaces", java.util.Map.of()).path("values").size()).isPositive();
        // The stored token still looks valid to us, but Bitbucket expired it early.
        fixture.control("/_sim/oauth", "{\"accessTokenTtlSeconds\": 1}");
        fixture.expire(id);
        String shortLived = tokens.accessToken(id);
        var oauth = fixture.simulator.oauth();
        Dvcs.await("the simulator expiring the 1 s token", () -> Optional.of(true)
                .filter(x -> oauth.accessToken(shortLived).orElseThrow().expired(oauth.now())));
        AccountEntity account = fixture.store.find(id).orElseThrow();
        account.setTokenExpiresAt(System.currentTimeMillis() + 3_600_000L);
        account.save();
        fixture.control("/_sim/oauth", "{\"accessTokenTtlSeconds\": 7200}");
        int before = fixture.tokenRequests();

        assertThat(api.get("/user/workspaces", java.util.Map.of()).path("values").size()).isPositive();
        assertThat(fixture.tokenRequests() - before).as("one renewal after the 401").isEqualTo(1);
    }
}
