package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.http.Params;
import org.dvcsconnector.refapp.simulator.model.CommitGraph;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;

/**
 * Commits and branches. The commit listing is git's {@code log A B ^C ^D} over the compact graph: the
 * selected set is a cached bit set, a page is a walk down from the cursor, and {@code next} is an opaque
 * iterator token (Bitbucket's commits use iterator-based pagination). {@code POST} takes
 * {@code include}/{@code exclude} from a form body; its {@code next} is to be POSTed again with the same body.
 */
public final class CommitEndpoints {

    private static final Pattern NAME_QUERY = Pattern.compile("\\s*name\\s*(=|~)\\s*\"([^\"]*)\"\\s*");

    private final Store store;
    private final CommitJson json;
    private final PageCache cache;

    public CommitEndpoints(Store store, CommitJson json, PageCache cache) {
        this.store = store;
        this.json = json;
        this.cache = cache;
    }

    public void list(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        Params p = "POST".equals(ex.method()) ? ex.query().merge(ex.form()) : ex.query();
        List<String> include = new ArrayList<>(p.all("include"));
        if (ex.pathVars().length > 2) {
            include.add(ex.var(2));
        }
        Paging.pagelen(ex, Paging.MAX_PAGELEN); // reject a bad pagelen before any work
        int[] inc = resolveAll(r, include);
        int[] exc = resolveAll(r, p.all("exclude"));
        if (include.isEmpty()) {
            inc = r.branches().values().stream().mapToInt(Integer::intValue).toArray();
        }
        BitSet selected = r.selection(Arrays.toString(inc) + "^" + Arrays.toString(exc), inc, exc);
        page(ex, r, selected, json, cache, Arrays.toString(inc) + "^" + Arrays.toString(exc));
    }

    /** Writes one iterator page of {@code selected}, newest first, with an opaque {@code next}. */
    static void page(Exchange ex, Repository r, BitSet selected, CommitJson json, PageCache cache, String query)
            throws IOException {
        String key = r.fullName() + '|' + r.version() + '|' + ex.path() + '?' + ex.rawQuery() + '|' + query;
        ByteBuffer cached = cache.lookup(key);
        if (cached != null) {
            ex.json(200, cached);
            return;
        }
        JsonBytes page = render(ex, r, selected, json); // this thread's buffer: copied out before returning
        cache.offer(key, page.array(), page.length());
        ex.json(200, page.array(), page.length());
    }

    private static JsonBytes render(Exchange ex, Repository r, BitSet selected, CommitJson json) {
        int pagelen = Paging.pagelen(ex, Paging.MAX_PAGELEN);
        String token = ex.query().first("page");
        int start = token == null ? selected.length() - 1 : Paging.fromToken(token);
        int[] page = new int[pagelen];
        int count = 0;
        int i = start < 0 ? -1 : selected.previousSetBit(start);
        for (; i >= 0 && count < pagelen; i = i == 0 ? -1 : selected.previousSetBit(i - 1)) {
            page[count++] = i;
        }
        String next = i >= 0 ? Paging.withParam(ex, "page", Paging.token(i)) : null;
        return json.pages().page(r, ex.query().first("fields"), page, count, pagelen, next);
    }

    public void get(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        int index = resolve(r, ex.var(2));
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> json.commit(new Gen(g, false), f, r, index, true));
    }

    public void branches(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        List<Map.Entry<String, Integer>> list = new ArrayList<>(r.branches().entrySet());
        java.util.function.Predicate<String> byName = byName(ex.query().first("q"));
        list.removeIf(e -> !byName.test(e.getKey()));
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, list, Paging.MAX_PAGELEN,
                (gen, s, e) -> json.branch(gen, s, r, e.getKey(), e.getValue())));
    }

    /** The one filter ref listings take here: {@code name = "…"} or {@code name ~ "…"}; no query keeps every name. */
    static java.util.function.Predicate<String> byName(String q) {
        if (q == null || q.isBlank()) {
            return name -> true;
        }
        Matcher m = NAME_QUERY.matcher(q);
        if (!m.matches()) {
            throw HttpError.badRequest("Invalid query: " + q + " (supported: name = \"…\", name ~ \"…\")");
        }
        String v = m.group(2);
        return m.group(1).equals("=") ? v::equals : name -> name.contains(v);
    }

    public void branch(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        Integer head = r.branches().get(ex.var(2));
        if (head == null) {
            throw HttpError.notFound("Branch \"" + ex.var(2) + "\" not found in " + r.fullName());
        }
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> json.branch(new Gen(g, false), f, r, ex.var(2), head));
    }

    private static int[] resolveAll(Repository r, List<String> refs) {
        int[] out = new int[refs.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = resolve(r, refs.get(k));
        }
        return out;
    }

    /** A branch name or a (possibly abbreviated) commit hash. */
    static int resolve(Repository r, String ref) {
        int index = r.resolve(ref);
        if (index == CommitGraph.NONE) {
            throw HttpError.notFound("Commit not found: no commit or branch \"" + ref + "\" in " + r.fullName());
        }
        return index;
    }
}
