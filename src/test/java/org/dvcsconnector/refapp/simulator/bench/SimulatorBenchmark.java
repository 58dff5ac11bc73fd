package org.dvcsconnector.refapp.simulator.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * The simulator's benchmark (not a unit test; run it with {@code bench/simulator.sh}, which gives the JVM
 * {@code -Xmx1g}). It generates 1,000,000 commits (10 repositories × 100,000) and reports the heap used
 * after a full GC, then measures {@code GET /2.0/repositories/{ws}/{slug}/commits…?pagelen=100} with a
 * valid bearer token on loopback, client and server in this JVM:
 *
 * <ul>
 *   <li><b>(a) full, uncached</b>: full commit objects; walkers follow {@code next} from distinct start
 *       points, so no page URL is ever requested twice and the simulator's page cache never hits (the
 *       production path a syncing client takes). Every URL is recorded and repeats are counted and printed.</li>
 *   <li><b>(b) sync, uncached</b>: the same walk with the trimmed {@code fields=} a sync client asks for
 *       ({@link #SYNC_FIELDS}).</li>
 *   <li><b>(c) full, cached</b>: random pages out of 200 already-seen full pages (the page cache's best case),
 *       for reference only.</li>
 * </ul>
 *
 * Start points of walks: per repository all branches ({@code /commits}), {@code main}, each of the 50 branches,
 * then individual commits ({@code /commits/{hash}}) without end. Each scenario is run {@code repeats} times,
 * interleaved, and the median of each figure is reported. Usage: {@code [clientThreads=4] [secondsPerRun=6]
 * [repeats=3] [fewClientThreads=2]}.
 */
public final class SimulatorBenchmark {

    static final String SYNC_FIELDS = "next,values.hash,values.message,values.date,values.author.raw,"
            + "values.author.user.account_id,values.parents.hash";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int REPOS = 10;
    static final int PER_REPO = 100_000;
    static final int BRANCHES = 50;
    private static final byte[] NEXT = "\"next\":\"".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int few = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        try (BitbucketSimulator sim = BitbucketSimulator.start(SimulatorOptions.defaults(0))) {
            sim.seedDemo("http://localhost:2990/plugins/servlet/dvcs/oauth/callback");
            OkHttpClient client = client(Math.max(threads, few));
            String base = sim.baseUrl();
            long t0 = System.nanoTime();
            post(client, base + "/_sim/generate", "{\"workspace\":\"bench\",\"repositories\":" + REPOS
                    + ",\"commitsPerRepository\":" + PER_REPO + ",\"branchesPerRepository\":" + BRANCHES + ","
                    + "\"pullRequestsPerRepository\":40,\"projectKey\":\"DEMO\",\"seed\":7}");
            long genMs = (System.nanoTime() - t0) / 1_000_000;
            long heap = heapAfterGc();
            System.out.printf("generate: %,d commits in %,d ms; heap used after GC: %,d MiB (max %,d MiB)%n",
                    (long) REPOS * PER_REPO, genMs, heap >> 20, Runtime.getRuntime().maxMemory() >> 20);
            String token = token(client, base);

            Walks full = new Walks(sim, base, "");
            Walks sync = new Walks(sim, base, "&fields=" + SYNC_FIELDS);
            List<String> cachedUrls = firstPages(client, base, token);
            PageSource hot = carried -> cachedUrls.get(ThreadLocalRandom.current().nextInt(cachedUrls.size()));
            Set<String> seen = ConcurrentHashMap.newKeySet();

            // warm-up (JIT), on distinct pages as well
            run(client, token, threads, 4, full, seen);
            run(client, token, threads, 4, sync, seen);
            run(client, token, threads, 2, hot, null);

            Map<String, List<Result>> results = new LinkedHashMap<>();
            // -Dbench.scenarios=abBc: a, b, B = b with few client threads, c (all by default)
            String only = System.getProperty("bench.scenarios", "abBc");
            for (int r = 0; r < repeats; r++) {
                if (only.contains("a")) {
                    measure(results, "(a) full objects, uncached (distinct pages)", threads,
                            () -> run(client, token, threads, seconds, full, seen));
                }
                if (only.contains("b")) {
                    measure(results, "(b) sync fields, uncached (distinct pages)", threads,
                            () -> run(client, token, threads, seconds, sync, seen));
                }
                if (only.contains("B")) {
                    measure(results, "(b) sync fields, uncached, few client threads", few,
                            () -> run(client, token, few, seconds, sync, seen));
                }
                if (only.contains("c")) {
                    measure(results, "(c) full objects, cached (200 hot pages)", threads,
                            () -> run(client, token, threads, seconds, hot, null));
                }
            }
            report(results, seconds, repeats, heap, seen);
        }
    }

    @FunctionalInterface
    private interface Measurement {
        Result run() throws InterruptedException;
    }

    /** One more run of a scenario, kept under its name and thread count. */
    private static void measure(Map<String, List<Result>> results, String scenario, int threads, Measurement run)
            throws InterruptedException {
        results.computeIfAbsent(scenario + "|" + threads, k -> new ArrayList<>()).add(run.run());
    }

    /** The table of medians, the check that no page repeated, and the one-line RESULT for scripts. */
    private static void report(Map<String, List<Result>> results, int seconds, int repeats, long heap, Set<String> seen) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.println();
        System.out.printf("Simulator benchmark: %d cores, load average %.2f, %d s per run, median of %d runs%n",
                Runtime.getRuntime().availableProcessors(), load, seconds, repeats);
        System.out.printf("sync fields = %s%n", SYNC_FIELDS);
        System.out.printf("heap after generating 1,000,000 commits: %d MiB of %d MiB%n", heap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        String line = "+------------------------------------------------+---------+-----------+----------+----------+---------+--------+"
                + "------------+------------+---------+";
        System.out.println(line);
        System.out.printf("| %-46s | %7s | %9s | %8s | %8s | %7s | %6s | %10s | %10s | %7s |%n", "scenario", "threads", "req/s",
                "p50 ms", "p99 ms", "MB/s", "KB/req", "CPU us/req", "sim us/req", "errors");
        System.out.println(line);
        StringBuilder summary = new StringBuilder("RESULT heapMiB=" + (heap >> 20));
        for (Map.Entry<String, List<Result>> e : results.entrySet()) {
            String[] key = e.getKey().split("\\|");
            List<Result> rs = e.getValue();
            double rps = median(rs, Result::perSecond);
            double mbs = median(rs, Result::mbPerSecond);
            System.out.printf("| %-46s | %7s | %,9.0f | %8.2f | %8.2f | %7.1f | %6.1f | %10.0f | %10.0f | %7d |%n", key[0],
                    key[1], rps, median(rs, Result::p50), median(rs, Result::p99), mbs, rps == 0 ? 0 : mbs * 1000 / rps,
                    median(rs, Result::cpuUsPerReq), median(rs, Result::serverCpuUsPerReq),
                    rs.stream().mapToLong(Result::errors).sum());
            summary.append(' ').append(key[0].substring(1, 2)).append(key[0].contains("few") ? "few" : "")
                    .append("ReqPerSec=").append(Math.round(rps));
        }
        System.out.println(line);
        System.out.println("CPU us/req: process CPU time (client + simulator + GC) per request; sim us/req: the simulator's"
                + " Jetty threads only. With 2 cores, 2,000,000 / (CPU us/req) is the req/s ceiling of this same-JVM setup,"
                + " 1,000,000 * cores / (sim us/req) the simulator's own ceiling.");
        System.out.printf("distinct page URLs requested by (a)/(b): %,d; repeated: %d (must be 0: no cache hits)%n",
                seen.size(), repeatCount.get());
        System.out.println("req/s per run: " + results.entrySet().stream().map(e -> e.getKey().split("\\|")[0]
                .substring(0, 3) + (e.getKey().contains("few") ? "few" : "") + "=" + e.getValue().stream()
                .map(x -> Long.toString(Math.round(x.perSecond()))).toList()).toList());
        System.out.println(summary);
    }

    private static final AtomicLong repeatCount = new AtomicLong();

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

    /** The first 20 full pages of every repository (through real next links): the cached scenario's pages. */
    private static List<String> firstPages(OkHttpClient client, String base, String token) throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= REPOS; i++) {
            String url = base + "/2.0/repositories/bench/" + String.format("repo-%02d", i) + "/commits?pagelen=100";
            for (int page = 0; page < 20 && url != null; page++) {
                urls.add(url);
                try (Response r = client.newCall(get(url, token)).execute()) {
                    JsonNode body = JSON.readTree(r.body().bytes());
                    url = body.hasNonNull("next") ? body.get("next").asText() : null;
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

    /** The {@code next} link of a page (written last by the simulator), or null: a byte scan, no JSON parse. */
    static String nextLink(byte[] body) {
        outer:
        for (int i = body.length - NEXT.length; i >= 0; i--) {
            for (int j = 0; j < NEXT.length; j++) {
                if (body[i + j] != NEXT[j]) {
                    continue outer;
                }
            }
            int from = i + NEXT.length;
            int to = from;
            while (body[to] != '"') {
                to++;
            }
            return new String(body, from, to - from, StandardCharsets.UTF_8);
        }
        return null;
    }

    /** Per run: throughput, latency, bytes, and CPU time per request (whole process, and the simulator's threads). */
    private record Result(double perSecond, double p50, double p99, double mbPerSecond, long errors, double cpuUsPerReq,
                          double serverCpuUsPerReq) {}

    /** CPU nanoseconds used so far by the simulator's (Jetty pool) threads, by thread id. */
    private static Map<Long, Long> serverCpu() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("bitbucket-sim")) {
                long ns = mx.getThreadCpuTime(t.getId());
                if (ns >= 0) {
                    cpu.put(t.getId(), ns);
                }
            }
        }
        return cpu;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private interface ToDouble {
        double of(Result r);
    }

    private static double median(List<Result> rs, ToDouble f) {
        double[] v = rs.stream().mapToDouble(f::of).sorted().toArray();
        return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * {@code threads} clients for {@code seconds}; each asks {@code urls} for its next URL. With a {@code seen}
     * set, the response's {@code next} is followed (walks) and every URL is recorded to prove none repeats.
     */
    private static Result run(OkHttpClient client, String token, int threads, int seconds, PageSource urls,
                              Set<String> seen) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        long[] bytes = new long[threads];
        int[] errors = new int[threads];
        List<Thread> workers = new ArrayList<>();
        Map<Long, Long> serverBefore = serverCpu();
        long cpuBefore = processCpu();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                String carried = null;
                while (System.nanoTime() < end && n < lat.length) {
                    String url = urls.next(carried);
                    if (seen != null && !seen.add(url)) {
                        repeatCount.incrementAndGet();
                    }
                    long s = System.nanoTime();
                    carried = fetch(client, token, url, seen != null, bytes, errors, id);
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
        long cpu = processCpu() - cpuBefore;
        long serverNs = 0;
        for (Map.Entry<Long, Long> e : serverCpu().entrySet()) {
            serverNs += e.getValue() - serverBefore.getOrDefault(e.getKey(), 0L);
        }
        int total = Arrays.stream(counts).sum();
        long[] all = sorted(latencies, counts);
        double p50 = total == 0 ? 0 : all[total / 2] / 1e6;
        double p99 = total == 0 ? 0 : all[(int) (total * 0.99)] / 1e6;
        return new Result(total / elapsed, p50, p99, Arrays.stream(bytes).sum() / elapsed / 1e6, Arrays.stream(errors).sum(),
                total == 0 ? 0 : cpu / 1e3 / total, total == 0 ? 0 : serverNs / 1e3 / total);
    }

    /**
     * One request, its bytes and errors counted for thread {@code id}; the page's {@code next} link when
     * {@code walk}ing (the body is read), else null (the body is drained, nothing kept).
     */
    private static String fetch(OkHttpClient client, String token, String url, boolean walk, long[] bytes, int[] errors,
                                int id) {
        String next = null;
        try (Response r = client.newCall(get(url, token)).execute()) {
            if (walk) {
                byte[] body = r.body().bytes();
                bytes[id] += body.length;
                next = nextLink(body);
            } else {
                bytes[id] += r.body().source().readAll(okio.Okio.blackhole()); // consume, keep nothing
            }
            if (r.code() != 200) {
                errors[id]++;
            }
        } catch (Exception e) {
            errors[id]++;
        }
        return next;
    }

    private static long[] sorted(long[][] latencies, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int k = 0;
        for (int t = 0; t < counts.length; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        return all;
    }

}
