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
        long h = bits(index);
        String key = key(h >>> 8);
        return TEMPLATES[template(h)]
                .replace("{k2}", key(h >>> 24))
                .replace("{kl}", key.toLowerCase())
                .replace("{k}", key)
                .replace("{w}", word(h));
    }

    public String key(long bits) {
        return projectKey + "-" + keyNumber(bits);
    }

    // The parts of a message, for renderers that assemble it without building the string (see render):
    // template(bits(i)) with "{k}" = projectKey-keyNumber(bits >>> 8), "{k2}" = projectKey-keyNumber(bits >>> 24),
    // "{kl}" = "{k}" in lower case, "{w}" = word(bits).

    /** The random bits message {@code index} is made of. */
    public long bits(int index) {
        return mix(seed * 0x9E3779B97F4A7C15L + index);
    }

    public static int template(long bits) {
        return (int) (bits & 15);
    }

    /** Template {@code t} with its placeholders {@code {k}}, {@code {k2}}, {@code {kl}}, {@code {w}}. */
    public static String templateText(int t) {
        return TEMPLATES[t];
    }

    public static int templates() {
        return TEMPLATES.length;
    }

    public int keyNumber(long bits) {
        return 1 + (int) Long.remainderUnsigned(bits, Math.max(1, issueCount));
    }

    public static String word(long bits) {
        return WORDS[wordIndex(bits)];
    }

    public static int wordIndex(long bits) {
        return (int) ((bits >>> 40) & 15);
    }

    /** SplitMix64 finaliser: cheap, well-mixed, deterministic. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
