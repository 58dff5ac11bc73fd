package org.dvcsconnector.refapp.simulator.model;

/**
 * Generated commit messages: a pure function of (seed, commit index), so a million generated commits
 * store no message text at all. The templates mention issue keys in the forms people really write them
 * (prefix, brackets, colon, lower case, several keys, smart-commit commands, none at all).
 */
public record MessageGenerator(String projectKey, long seed, int issueCount) {

    private static final String[] TEMPLATES = {
        "{k} fix null pointer in {w}",
        "[{k}] {w}: handle empty input",
        "{k}: refactor {w}",
        "Fix {k} by validating {w}",
        "{k} #comment tidied up the {w} handling",
        "{k} add tests for {w} #time 1h 30m",
        "({k}) update {w} configuration",
        "refs {k} - speed up {w}",
        "{k}, {k2}: shared {w} cleanup",
        "Bump dependencies for {w}",
        "{k} {w} #resolve",
        "WIP {w} ({k})",
        "fixes {kl}: wrong {w} in report",
        "Revert \"{k} tweak {w}\"",
        "feature/{k}-{w}: first cut",
        "{k}\n\nLonger body explaining the {w} change.\nAlso touches {k2}.",
    };
    private static final String[] WORDS = {
        "login", "cache", "parser", "sync", "webhook", "billing", "search", "export", "dashboard", "session",
        "timeout", "retry", "config", "upload", "permissions", "index",
    };

    public String render(int index) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + index);
        String key = key(h >>> 8);
        return TEMPLATES[(int) (h & 15)]
                .replace("{k2}", key(h >>> 24))
                .replace("{kl}", key.toLowerCase())
                .replace("{k}", key)
                .replace("{w}", WORDS[(int) ((h >>> 40) & 15)]);
    }

    public String key(long bits) {
        return projectKey + "-" + (1 + (int) Long.remainderUnsigned(bits, Math.max(1, issueCount)));
    }

    /** SplitMix64 finaliser: cheap, well-mixed, deterministic. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
