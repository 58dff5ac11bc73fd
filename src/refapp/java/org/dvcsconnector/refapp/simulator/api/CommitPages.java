package org.dvcsconnector.refapp.simulator.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dvcsconnector.refapp.simulator.http.Json;
import org.dvcsconnector.refapp.simulator.model.CommitGraph;
import org.dvcsconnector.refapp.simulator.model.MessageGenerator;
import org.dvcsconnector.refapp.simulator.model.People;
import org.dvcsconnector.refapp.simulator.model.Repository;

/**
 * Renders commit pages as byte copies. For one repository and one {@code fields=} value, a commit's JSON is
 * a fixed sequence of constant fragments (field names, links up to the hash, the author with its linked
 * account, the condensed repository …) around a handful of values that vary per commit (hash, date,
 * message, summary html, parent hashes). That layout is learnt once per (repository, fields, author,
 * number of parents) by rendering a commit with placeholders through the generic renderer
 * ({@link CommitJson}), so both always write the same bytes; a page is then those fragments copied into a
 * reused per-thread buffer with the values written in between. No generator, no {@link Fields} lookups, no
 * link strings per commit.
 */
final class CommitPages {

    private static final int MAX_PLANS = 512;
    private static final byte[] SLOT_MARK = "\\u0007".getBytes(StandardCharsets.US_ASCII);
    private static final char HASH = 'H';
    private static final char DATE = 'D';
    private static final char MESSAGE = 'M';
    private static final char HTML = 'T';
    private static final char PARENT1 = 'P';
    private static final char PARENT2 = 'Q';
    private static final byte[] VALUES_OPEN = "\"values\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAGELEN = "\"pagelen\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT = "\"next\":\"".getBytes(StandardCharsets.US_ASCII);

    private final CommitJson json;
    private final People people;
    private final Map<PlanKey, Plan> plans = new ConcurrentHashMap<>();
    /** Compiled generated messages by project key and issue count (they depend on nothing else). */
    private final Map<String, Optional<GeneratedMessages>> messages = new ConcurrentHashMap<>();

    CommitPages(CommitJson json, People people) {
        this.json = json;
        this.people = people;
    }

    private record PlanKey(Repository repository, String fields, int peopleVersion) {}

    /** The selection of a page's top level and, per author and parent count, the commit layouts. */
    private final class Plan {
        final Repository repository;
        final Fields root;
        final Fields values;
        final boolean pagelen;
        final boolean next;
        /** Messages of generated commits as bytes; null: render them as strings. */
        final GeneratedMessages generated;
        volatile Layout[] layouts = new Layout[0];

        Plan(Repository repository, Fields root) {
            this.repository = repository;
            MessageGenerator g = repository.generator();
            this.generated = g == null ? null : messages.computeIfAbsent(g.projectKey() + '|' + g.issueCount(),
                    k -> Optional.ofNullable(GeneratedMessages.of(g))).orElse(null);
            this.root = root;
            this.values = root.field("values", true);
            this.pagelen = root.has("pagelen");
            this.next = root.has("next");
        }

        Layout layout(int author, int parents) {
            int k = author * 3 + parents;
            Layout[] ls = layouts;
            Layout l = k < ls.length ? ls[k] : null;
            return l != null ? l : build(k, author, parents);
        }

        private synchronized Layout build(int k, int author, int parents) {
            Layout[] ls = layouts;
            if (k < ls.length && ls[k] != null) {
                return ls[k];
            }
            Layout l = Layout.learn(Json.write(g -> json.commit(new Gen(g, false), values, repository, slot(HASH),
                    slot(DATE), author, slot(MESSAGE), slot(HTML), parents > 0 ? slot(PARENT1) : null,
                    parents > 1 ? slot(PARENT2) : null, false)));
            Layout[] grown = k < ls.length ? ls.clone() : java.util.Arrays.copyOf(ls, Math.max(k + 1, ls.length * 2));
            grown[k] = l;
            layouts = grown;
            return l;
        }
    }

    private static String slot(char kind) {
        return "\u0007" + kind + "\u0007";
    }

    /** Constant fragments with value slots between them: {@code fragments[0] slot[0] fragments[1] … fragments[n]}. */
    private record Layout(byte[][] fragments, char[] slots, boolean message, boolean html) {

        static Layout learn(byte[] sample) {
            List<byte[]> fragments = new ArrayList<>();
            StringBuilder slots = new StringBuilder();
            int from = 0;
            for (int i = 0; i < sample.length; i++) {
                if (JsonBytes.regionMatches(sample, i, SLOT_MARK)
                        && JsonBytes.regionMatches(sample, i + SLOT_MARK.length + 1, SLOT_MARK)) {
                    fragments.add(java.util.Arrays.copyOfRange(sample, from, i));
                    slots.append((char) sample[i + SLOT_MARK.length]);
                    i += 2 * SLOT_MARK.length;
                    from = i + 1;
                }
            }
            fragments.add(java.util.Arrays.copyOfRange(sample, from, sample.length));
            String s = slots.toString();
            return new Layout(fragments.toArray(new byte[0][]), s.toCharArray(), s.indexOf(MESSAGE) >= 0,
                    s.indexOf(HTML) >= 0);
        }
    }

    /**
     * A page of {@code count} commits ({@code indexes}, newest first) under {@code fields} (the raw parameter),
     * with {@code next} (null: none), as the generic renderer would write it: in this thread's {@link JsonBytes},
     * valid until the thread renders again.
     */
    JsonBytes page(Repository r, String fields, int[] indexes, int count, int pagelen, String next) {
        String spec = fields == null || fields.isBlank() ? "" : fields;
        PlanKey key = new PlanKey(r, spec, people.version());
        Plan plan = plans.get(key);
        if (plan == null) {
            if (plans.size() >= MAX_PLANS) {
                plans.clear();
            }
            plan = plans.computeIfAbsent(key, k -> new Plan(r, Fields.parse(k.fields())));
        }
        JsonBytes out = JsonBytes.local();
        out.write('{');
        boolean first = true;
        if (plan.values != null) {
            out.write(VALUES_OPEN);
            CommitGraph graph = r.commits();
            byte[] hashes = graph.hashBytes();
            for (int k = 0; k < count; k++) {
                if (k > 0) {
                    out.write(',');
                }
                commit(out, plan, r, graph, hashes, indexes[k]);
            }
            out.write(']');
            first = false;
        }
        if (plan.pagelen) {
            if (!first) {
                out.write(',');
            }
            out.write(PAGELEN);
            out.number(pagelen);
            first = false;
        }
        if (next != null && plan.next) {
            if (!first) {
                out.write(',');
            }
            out.write(NEXT);
            out.escaped(next);
            out.write('"');
        }
        out.write('}');
        return out;
    }

    private static void commit(JsonBytes out, Plan plan, Repository r, CommitGraph graph, byte[] hashes, int index) {
        int p1 = graph.parent1(index);
        int p2 = graph.parent2(index);
        int parents = p1 == CommitGraph.NONE ? 0 : p2 == CommitGraph.NONE ? 1 : 2;
        Layout layout = plan.layout(graph.author(index), parents);
        MessageGenerator generator = graph.message(index) < 0 && plan.generated != null ? r.generator() : null;
        long bits = generator == null ? 0 : generator.bits(index);
        String message = generator == null && (layout.message || layout.html) ? r.message(index) : null;
        String html = generator == null && layout.html ? CommitJson.html(message) : null;
        byte[][] fragments = layout.fragments;
        char[] slots = layout.slots;
        for (int i = 0; i < slots.length; i++) {
            out.write(fragments[i]);
            switch (slots[i]) {
                case HASH -> out.hex(hashes, index * 20);
                case DATE -> out.isoSeconds(graph.date(index));
                case MESSAGE -> {
                    if (generator != null) {
                        plan.generated.message(out, generator, bits);
                    } else {
                        out.escaped(message);
                    }
                }
                case HTML -> {
                    if (generator != null) {
                        plan.generated.html(out, generator, bits);
                    } else {
                        out.escaped(html);
                    }
                }
                case PARENT1 -> out.hex(hashes, p1 * 20);
                case PARENT2 -> out.hex(hashes, p2 * 20);
                default -> throw new IllegalStateException("slot " + slots[i]);
            }
        }
        out.write(fragments[slots.length]);
    }
}
