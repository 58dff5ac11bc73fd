package org.dvcsconnector.refapp.simulator.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dvcsconnector.refapp.simulator.BitbucketSimulator;
import org.dvcsconnector.refapp.simulator.model.Repository;

/**
 * Page walks that never revisit a URL: an endless supply of distinct start points (every repository's commits, by
 * branch, then single commits), each followed to its end through the pages' {@code next} links.
 */
final class Walks implements PageSource {

    private final List<String> starts = new ArrayList<>();
    private final AtomicLong nextStart = new AtomicLong();
    private final BitbucketSimulator sim;
    private final String base;
    private final String extra;

    Walks(BitbucketSimulator sim, String base, String extra) {
        this.sim = sim;
        this.base = base;
        this.extra = extra;
        List<List<String>> perRepo = new ArrayList<>();
        for (int i = 1; i <= SimulatorBenchmark.REPOS; i++) {
            Repository r = repo(i);
            List<String> list = new ArrayList<>();
            list.add(commits(r, null));
            for (String branch : r.branches().keySet()) {
                list.add(commits(r, branch));
            }
            perRepo.add(list);
        }
        // interleave repositories so that parallel walkers spread over them
        for (int k = 0; k < SimulatorBenchmark.BRANCHES + 2; k++) {
            for (List<String> list : perRepo) {
                if (k < list.size()) {
                    starts.add(list.get(k));
                }
            }
        }
    }

    private Repository repo(int i) {
        return sim.store().repository("bench", String.format("repo-%02d", i)).orElseThrow();
    }

    private String commits(Repository r, String rev) {
        return base + "/2.0/repositories/" + r.fullName() + "/commits"
                + (rev == null ? "" : "/" + URLEncoder.encode(rev, StandardCharsets.UTF_8)) + "?pagelen=100" + extra;
    }

    /** The {@code next} link of the thread's last page, or a fresh start point. */
    @Override
    public String next(String carried) {
        if (carried != null) {
            return carried;
        }
        long k = nextStart.getAndIncrement();
        if (k < starts.size()) {
            return starts.get((int) k);
        }
        long j = k - starts.size();
        Repository r = repo((int) (j % SimulatorBenchmark.REPOS) + 1);
        int index = (int) ((j / SimulatorBenchmark.REPOS * 7_919 + 50_000) % SimulatorBenchmark.PER_REPO);
        return commits(r, r.commits().hashHex(index));
    }
}
