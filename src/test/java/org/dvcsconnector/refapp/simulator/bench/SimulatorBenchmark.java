package org.dvcsconnector.refapp.simulator.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.dvcsconnector.refapp.simulator.BitbucketSimulator;
import org.dvcsconnector.refapp.simulator.SimulatorOptions;
import org.slf4j.LoggerFactory;

/**
 * The simulator's benchmark (not a unit test; run it with {@code bench/simulator.sh}, which gives the
 * JVM {@code -Xmx1g}): (a) generates 1,000,000 commits (10 repositories × 100,000) and reports the heap used
 * after a full GC; (b) hammers {@code GET /2.0/repositories/{ws}/{slug}/commits?pagelen=100} with a valid
 * bearer token from several client threads on loopback, on first pages and on random deeper pages reached
 * through real {@code next} links, and reports requests per second and p50/p99 latency, once with full
 * commit objects and once trimmed with {@code fields=} as a sync client would ask.
 */
public final class SimulatorBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int repos = 10;
        int perRepo = 100_000;
        try (BitbucketSimulator sim = BitbucketSimulator.start(SimulatorOptions.defaults(0))) {
            sim.seedDemo("http://localhost:2990/plugins/servlet/dvcs/oauth/callback");
            OkHttpClient client = client(threads);
            String base = sim.baseUrl();
            long t0 = System.nanoTime();
            post(client, base + "/_sim/generate", "{\"workspace\":\"bench\",\"repositories\":" + repos
                    + ",\"commitsPerRepository\":" + perRepo + ",\"branchesPerRepository\":50,"
                    + "\"pullRequestsPerRepository\":40,\"projectKey\":\"DEMO\",\"seed\":7}");
            long genMs = (System.nanoTime() - t0) / 1_000_000;
            long heap = heapAfterGc();
            System.out.printf("generate: %,d commits in %,d ms; heap used after GC: %,d MiB (max %,d MiB)%n",
                    (long) repos * perRepo, genMs, heap >> 20, Runtime.getRuntime().maxMemory() >> 20);

            String token = token(client, base);
            List<String> urls = urls(client, base, token, repos, "");
            run(client, token, urls, threads, 2, "warm-up");
            Result full = run(client, token, urls, threads, seconds, "commits?pagelen=100 (full objects)");
            List<String> trimmed = urls(client, base, token, repos,
                    "&fields=values.hash,values.date,values.message,values.author.raw,values.parents.hash,next");
            Result lean = run(client, token, trimmed, threads, seconds, "commits?pagelen=100&fields=… (sync client)");
            System.out.printf("RESULT heapMiB=%d fullReqPerSec=%.0f fullP99ms=%.2f fieldsReqPerSec=%.0f fieldsP99ms=%.2f%n",
                    heap >> 20, full.perSecond, full.p99, lean.perSecond, lean.p99);
        }
    }

    private static OkHttpClient client(int threads) {
        Dispatcher d = new Dispatcher();
        d.setMaxRequests(threads * 2);
        d.setMaxRequestsPerHost(threads * 2);
        return new OkHttpClient.Builder().dispatcher(d).connectionPool(new ConnectionPool(threads * 2, 1, TimeUnit.MINUTES))
                .readTimeout(30, TimeUnit.SECONDS).build();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String token(OkHttpClient client, String base) throws Exception {
        Request req = new Request.Builder().url(base + "/site/oauth2/access_token")
                .header("Authorization", Credentials.basic("demo-private", "demo-private-secret"))
                .post(new FormBody.Builder().add("grant_type", "client_credentials").build()).build();
        try (Response r = client.newCall(req).execute()) {
            return JSON.readTree(r.body().bytes()).path("access_token").asText();
        }
    }

    /** First pages and deeper pages (reached by following real next links) of every repository. */
    private static List<String> urls(OkHttpClient client, String base, String token, int repos, String extra) throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= repos; i++) {
            String url = base + "/2.0/repositories/bench/" + String.format("repo-%02d", i) + "/commits?pagelen=100" + extra;
            for (int page = 0; page < 40 && url != null; page++) {
                urls.add(url);
                try (Response r = client.newCall(get(url, token)).execute()) {
                    JsonNode body = JSON.readTree(r.body().bytes());
                    url = body.hasNonNull("next") ? body.get("next").asText() : null;
                    // skip ahead so that the sample covers deep pages too
                    for (int skip = 0; skip < 20 && url != null; skip++) {
                        try (Response s = client.newCall(get(url + "&fields=next", token)).execute()) {
                            JsonNode n = JSON.readTree(s.body().bytes());
                            url = n.hasNonNull("next") ? n.get("next").asText().replace("&fields=next", "") : null;
                        }
                    }
                }
            }
        }
        return urls;
    }

    private static Request get(String url, String token) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + token).build();
    }

    private static void post(OkHttpClient client, String url, String json) throws Exception {
        Request req = new Request.Builder().url(url).post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response r = client.newCall(req).execute()) {
            if (!r.isSuccessful()) {
                throw new IllegalStateException(url + " -> " + r.code() + " " + r.body().string());
            }
        }
    }

    private record Result(double perSecond, double p50, double p99) {}

    private static Result run(OkHttpClient client, String token, List<String> urls, int threads, int seconds, String label)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        long[] bytes = new long[threads];
        int[] errors = new int[threads];
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                while (System.nanoTime() < end && n < lat.length) {
                    String url = urls.get(ThreadLocalRandom.current().nextInt(urls.size()));
                    long s = System.nanoTime();
                    try (Response r = client.newCall(get(url, token)).execute()) {
                        bytes[id] += r.body().source().readAll(okio.Okio.blackhole()); // consume, keep nothing
                        if (r.code() != 200) {
                            errors[id]++;
                        }
                    } catch (Exception e) {
                        errors[id]++;
                    }
                    lat[n++] = System.nanoTime() - s;
                }
                latencies[id] = lat;
                counts[id] = n;
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        double p50 = total == 0 ? 0 : all[total / 2] / 1e6;
        double p99 = total == 0 ? 0 : all[(int) (total * 0.99)] / 1e6;
        double perSecond = total / elapsed;
        System.out.printf("%-45s %d threads: %,d requests in %.1f s = %,.0f req/s, p50 %.2f ms, p99 %.2f ms, "
                        + "%,.0f MB/s, errors %d%n", label, threads, total, elapsed, perSecond, p50, p99,
                Arrays.stream(bytes).sum() / elapsed / 1e6, Arrays.stream(errors).sum());
        return new Result(perSecond, p50, p99);
    }
}
