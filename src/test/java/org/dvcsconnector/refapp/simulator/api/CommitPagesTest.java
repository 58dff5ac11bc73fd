package org.dvcsconnector.refapp.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.dvcsconnector.refapp.simulator.control.Generator;
import org.dvcsconnector.refapp.simulator.http.Json;
import org.dvcsconnector.refapp.simulator.model.CommitGraph;
import org.dvcsconnector.refapp.simulator.model.People;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.junit.jupiter.api.Test;

/**
 * The byte-copy commit page renderer ({@link CommitPages}) writes exactly the bytes the generic,
 * generator-based renderer ({@link CommitJson#commit}) writes, for every {@code fields=} shape, every
 * parent count, authors with and without accounts, and messages that need escaping.
 */
class CommitPagesTest {

    private static final List<String> FIELDS = Arrays.asList(null, "", "next,values.hash,values.message,values.date,"
            + "values.author.raw,values.author.user.account_id,values.parents.hash", "values.hash", "next",
            "pagelen", "-values.links", "+values.participants", "values.*", "-values.*,+values.hash", "*",
            "values.author", "values.summary.html,values.links.self.href", "-values.repository,-values.parents.links",
            "values.parents,values.repository.name", "values.author.user.links.avatar.href,pagelen,next");

    private static final String[] MESSAGES = {
        "plain", "quote \" backslash \\ slash / tab \t cr \r nl \n ff \f bs \b bell \u0007 nul \u0000 del \u007f",
        "  <b>bold</b> & \"html\"\n\nsecond paragraph", "ünïcödé — 日本語 \uD83D\uDE00 emoji", "", "   ",
        "DEMO-1 fix\r\n\r\nbody",
    };

    @Test
    void pagesEqualTheGenericRenderingByteForByte() throws Exception {
        Store store = new Store();
        People people = store.people();
        people.addUser("alice", "alice", "Alice Anders", "alice@example.com");
        people.addUser("bob", "bob", "Bob \"B\" Brown", "bob@example.com");
        Links links = new Links("http://127.0.0.1:1234");
        AccountJson accounts = new AccountJson(links);
        CommitJson json = new CommitJson(links, people, accounts, new RepoJson(links, accounts));
        new Generator(store, people).generate(new Generator.Request("gen", 2, 400, 5, 0, "DEMO", 3, null));
        List<Repository> repos = new ArrayList<>(store.workspace("gen").orElseThrow().repositories().values());
        Repository r = repos.get(0);
        synchronized (r) {
            int author = people.authorId("Zoë \"Z\" <x>", "zoe@example.org");
            int head = r.branches().get("main");
            for (String m : MESSAGES) {
                head = r.appendCommit(head, m.length() % 2 == 0 ? CommitGraph.NONE : head - 1, 1_700_000_000L + m.length(),
                        author, m);
            }
            r.branches().put("main", head);
            r.touch(Instant.now());
        }
        int pages = 0;
        for (Repository repo : repos) {
            BitSet all = new BitSet();
            all.set(0, repo.commits().size());
            for (String fields : FIELDS) {
                for (int start = repo.commits().size() - 1; start >= 0; start -= 37) {
                    int pagelen = 1 + (start % 100);
                    int[] page = new int[pagelen];
                    int count = 0;
                    for (int i = start; i >= 0 && count < pagelen; i--) {
                        page[count++] = i;
                    }
                    String next = start - count >= 0 ? "http://127.0.0.1:1234/2.0/x?page=abc&fields=" + fields : null;
                    byte[] fast = json.pages().page(repo, fields, page, count, pagelen, next).toByteArray();
                    byte[] generic = generic(json, repo, Fields.parse(fields), page, count, pagelen, next);
                    assertThat(new String(fast, StandardCharsets.UTF_8)).as("fields=%s start=%d", fields, start)
                            .isEqualTo(new String(generic, StandardCharsets.UTF_8));
                    assertThat(fast).isEqualTo(generic);
                    pages++;
                }
            }
        }
        assertThat(pages).isGreaterThan(100);
    }

    /** The page as the generic renderer writes it (what CommitEndpoints did before the byte-copy renderer). */
    private static byte[] generic(CommitJson json, Repository r, Fields f, int[] page, int n, int pagelen, String next) {
        return Json.write(g -> {
            Gen gen = new Gen(g, false);
            g.writeStartObject();
            Fields values = gen.arr(f, "values", true);
            if (values != null) {
                for (int k = 0; k < n; k++) {
                    json.commit(gen, values, r, page[k], false);
                }
                gen.endArray();
            }
            gen.num(f, "pagelen", pagelen);
            if (next != null) {
                gen.str(f, "next", next);
            }
            g.writeEndObject();
        });
    }
}
