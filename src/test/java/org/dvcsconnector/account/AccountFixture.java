package org.dvcsconnector.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.dvcsconnector.bitbucket.BitbucketEndpoints;
import org.dvcsconnector.bitbucket.BitbucketHttp;
import org.dvcsconnector.bitbucket.oauth.OAuthTokenClient;
import org.dvcsconnector.bitbucket.oauth.TokenGrant;
import org.dvcsconnector.db.PluginDatabase;
import org.dvcsconnector.refapp.ao.ActiveObjectsFactory;
import org.dvcsconnector.refapp.ao.PluginActiveObjects;
import org.dvcsconnector.refapp.cluster.DatabaseClusterLockService;
import org.dvcsconnector.refapp.crypto.AesGcmSecretCipher;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.refapp.simulator.BitbucketSimulator;
import org.dvcsconnector.refapp.simulator.SimulatorOptions;
import org.dvcsconnector.refapp.simulator.oauth.Consumer;

/**
 * The account domain over real parts: ActiveObjects on in-memory H2, the host's cipher and locks, and the
 * Bitbucket simulator over HTTP. Only the web layer is left out.
 */
public final class AccountFixture implements AutoCloseable {

    public static final String CALLBACK = "http://localhost/callback";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Database database;
    public final PluginActiveObjects ao;
    public final PluginDatabase db;
    public final BitbucketSimulator simulator;
    public final OkHttpClient http = BitbucketHttp.newClient();
    public final Supplier<BitbucketEndpoints> endpoints;
    public final AccountStore store;
    public final Secrets secrets;
    public final OAuthTokenClient oauth;
    public final DatabaseClusterLockService locks;
    public final AccountLinker linker;
    public final Path keyDir;

    @SuppressWarnings("unchecked")
    public AccountFixture() throws IOException {
        database = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        ao = new ActiveObjectsFactory(database.dataSource(), database.kind()).forPlugin("test.plugin");
        ao.migrate(AccountEntity.class, RepositoryEntity.class);
        simulator = BitbucketSimulator.start(SimulatorOptions.defaults(0));
        simulator.seedDemo(CALLBACK);
        endpoints = () -> BitbucketEndpoints.of(simulator.baseUrl() + "/2.0", simulator.baseUrl());
        keyDir = Files.createTempDirectory("keys");
        secrets = new Secrets(AesGcmSecretCipher.loadOrCreate(keyDir.resolve("secret.key")));
        db = new PluginDatabase(ao, "test.plugin");
        store = new AccountStore(ao, db);
        oauth = new OAuthTokenClient(http, Clock.systemUTC());
        locks = new DatabaseClusterLockService(database.dataSource(), database.kind());
        linker = new AccountLinker(store, secrets, oauth, http, endpoints, Clock.systemUTC());
    }

    public TokenService tokenService() {
        return new TokenService(store, secrets, oauth, locks, endpoints, Clock.systemUTC());
    }

    public int linkPrivate() throws LinkFailure {
        return linker.linkPrivate(new LinkRequest(LinkRequest.HOST_BITBUCKET_CLOUD, "acme", "demo-private",
                "demo-private-secret", ConsumerType.PRIVATE, true, true)).getID();
    }

    /** Links acme again (after a deletion), for reading Bitbucket's state with fresh credentials. */
    public int linkPrivateAgain() throws LinkFailure {
        return store.findByWorkspace(LinkRequest.HOST_BITBUCKET_CLOUD, "acme").map(AccountEntity::getID)
                .orElseGet(() -> {
                    try {
                        return linkPrivate();
                    } catch (LinkFailure e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    /** A public-consumer account, as after the browser round trip (the code is issued directly). */
    public int linkPublic() throws Exception {
        Consumer consumer = simulator.oauth().consumer("demo-public").orElseThrow();
        String code = simulator.oauth().issueCode(consumer, BitbucketSimulator.DEMO_LOGIN, CALLBACK);
        TokenGrant grant = oauth.authorizationCode(endpoints.get(), "demo-public", "demo-public-secret", code, CALLBACK);
        return linker.linkWithGrant(new LinkRequest(LinkRequest.HOST_BITBUCKET_CLOUD, "acme", "demo-public",
                "demo-public-secret", ConsumerType.PUBLIC, true, true), grant).getID();
    }

    /** Makes the stored access token look expired, as if time had passed. */
    public void expire(int accountId) {
        AccountEntity account = store.find(accountId).orElseThrow();
        account.setTokenExpiresAt(0L);
        account.save();
    }

    /** How many calls the simulator's token endpoint has answered. */
    public int tokenRequests() throws IOException {
        return stats().path("byEndpoint").path("POST /site/oauth2/access_token").asInt(0);
    }

    public JsonNode stats() throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(simulator.baseUrl() + "/_sim/stats").build()).execute()) {
            return JSON.readTree(response.body().string());
        }
    }

    public void control(String path, String json) throws IOException {
        Request request = new Request.Builder().url(simulator.baseUrl() + path)
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException(path + " answered " + response.code() + ": " + response.body().string());
            }
        }
    }

    public List<String> scopes(int accountId) {
        return List.of(store.find(accountId).orElseThrow().getScopes().split(" "));
    }

    @Override
    public void close() {
        simulator.close();
        database.close();
        http.dispatcher().executorService().shutdown();
    }
}
