package org.dvcsconnector.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's tables and verdicts against the targets, printed as the measurements come. */
final class LoadReport {

    /** One measurement of an endpoint, in milliseconds. */
    record Row(String name, long requests, double throughput, double p50, double p99, double max, long errors) {}

    private final int clients;
    private final List<String> pacedVerdicts = new ArrayList<>();

    LoadReport(int clients) {
        this.clients = clients;
    }

    /** A table of the saturated measurements (baseline, summary, detail, in that order) and its verdicts. */
    void report(String title, List<Row> rows) {
        System.out.println();
        System.out.println(title);
        System.out.printf(Locale.ROOT, "%-42s %10s %10s %9s %9s %9s %7s%n", "endpoint (" + clients + " clients)", "requests",
                "req/s", "p50 ms", "p99 ms", "max ms", "errors");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-42s %,10d %10.0f %9.2f %9.2f %9.2f %7d%n", r.name(), r.requests(),
                    r.throughput(), r.p50(), r.p99(), r.max(), r.errors());
        }
        verdicts(rows.get(1).p99(), rows.get(2).p99(), rows.get(1).throughput() / rows.get(0).throughput());
    }

    void pacedHeader(String title) {
        System.out.println();
        System.out.println(title);
        System.out.printf(Locale.ROOT, "%-42s %8s %10s %10s %9s %9s %9s %7s%n", "endpoint", "fraction", "offered/s",
                "served/s", "p50 ms", "p99 ms", "max ms", "errors");
    }

    /** Prints one paced measurement and keeps the verdict of the endpoints with a latency target. */
    void pacedRow(String clientName, int e, double fraction, double offered, Row r) {
        System.out.printf(Locale.ROOT, "%-42s %8.2f %10.0f %10.0f %9.2f %9.2f %9.2f %7d%n", r.name(), fraction, offered,
                r.throughput(), r.p50(), r.p99(), r.max(), r.errors());
        if (e > 0) {
            double target = e == 1 ? 10 : 50;
            pacedVerdicts.add(String.format(Locale.ROOT, "%s: %s p99 at %.0f req/s (%.0f%% of saturated): %.2f ms"
                    + " (target <= %.0f): %s", clientName, e == 1 ? "summary" : "detail", r.throughput(), fraction * 100,
                    r.p99(), target, verdict(r.p99() <= target)));
        }
    }

    /** The paced verdicts kept so far, together at the end of the run. */
    void pacedVerdicts() {
        if (!pacedVerdicts.isEmpty()) {
            System.out.println();
            System.out.println("Latency at " + clients + " concurrent clients, paced:");
            pacedVerdicts.forEach(System.out::println);
        }
    }

    private static void verdicts(double summaryP99, double detailP99, double ratio) {
        System.out.println();
        System.out.printf(Locale.ROOT, "summary p99 %.2f ms (target <= 10): %s%n", summaryP99, verdict(summaryP99 <= 10));
        System.out.printf(Locale.ROOT, "detail p99 %.2f ms (target <= 50): %s%n", detailP99, verdict(detailP99 <= 50));
        System.out.printf(Locale.ROOT, "summary/myself throughput %.2f (target >= 0.5): %s%n", ratio, verdict(ratio >= 0.5));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }
}
