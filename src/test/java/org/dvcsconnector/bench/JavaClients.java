package org.dvcsconnector.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** The benchmark's Java client: {@code clients} threads on one {@link HttpClient}, each recording its latencies. */
final class JavaClients {

    private final HttpClient http;
    private final String auth;
    private final int clients;

    JavaClients(HttpClient http, String auth, int clients) {
        this.http = http;
        this.auth = auth;
        this.clients = clients;
    }

    /**
     * The threads call {@code url} for {@code length} seconds: back to back when {@code rate} is 0, else paced so that
     * together they start {@code rate} requests a second, each thread on its own fixed schedule. A paced request's
     * latency counts from when it was due, not from when a thread got round to it, so a server falling behind shows
     * in the percentiles instead of slowing the clients down (no coordinated omission).
     */
    Result run(String name, Supplier<String> url, int length, double rate) throws InterruptedException {
        long warmEnd = System.nanoTime();
        long end = warmEnd + length * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int t = 0; t < clients; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                Latencies mine = new Latencies();
                try {
                    call(url, rate, id, warmEnd, end, mine, errors);
                } catch (IOException | InterruptedException e) {
                    errors.incrementAndGet();
                } finally {
                    latencies[id] = mine.values;
                    counts[id] = mine.count;
                    done.countDown();
                }
            }, "bench-client-" + t);
            thread.start();
        }
        done.await();
        return new Result(name, merged(latencies, counts), Arrays.stream(counts).sum(), length, errors.get());
    }

    /** One thread's requests until {@code end}: latencies of those started from {@code warmEnd} on go to {@code mine}. */
    private void call(Supplier<String> url, double rate, int id, long warmEnd, long end, Latencies mine,
            AtomicInteger errors) throws IOException, InterruptedException {
        double every = rate > 0 ? clients * 1e9 / rate : 0; // this thread's interval, in ns
        long k = 0;
        while (true) {
            long start = System.nanoTime();
            if (rate > 0) {
                long due = warmEnd + (long) ((k++ + (double) id / clients) * every);
                if (due > start) {
                    LockSupport.parkNanos(due - start);
                }
                start = due;
            }
            if (start >= end) {
                return;
            }
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url.get()))
                    .header("Authorization", auth).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long stop = System.nanoTime();
            if (response.statusCode() != 200) {
                errors.incrementAndGet();
            }
            if (start >= warmEnd) {
                mine.add(stop - start);
            }
        }
    }

    private long[] merged(long[][] latencies, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < clients; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return all;
    }

    /** A growing array of one thread's latencies, in ns. */
    private static final class Latencies {
        long[] values = new long[1 << 16];
        int count;

        void add(long nanos) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }
    }

    /** One endpoint's latencies over a run (sorted, in ns), for its throughput and percentiles. */
    record Result(String name, long[] sorted, int count, int seconds, int errors) {
        static Result merge(List<Result> rounds) {
            long[] all = rounds.stream().flatMapToLong(r -> Arrays.stream(r.sorted)).sorted().toArray();
            return new Result(rounds.get(0).name, all, all.length, rounds.stream().mapToInt(Result::seconds).sum(),
                    rounds.stream().mapToInt(Result::errors).sum());
        }

        double throughput() {
            return (double) count / seconds;
        }

        /** In milliseconds. */
        double percentile(double p) {
            if (count == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * count) - 1;
            return sorted[Math.max(0, Math.min(count - 1, index))] / 1e6;
        }
    }
}
