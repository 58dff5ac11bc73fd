package org.dvcsconnector.refapp.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.Repository;
import org.dvcsconnector.refapp.simulator.model.Store;
import org.dvcsconnector.refapp.simulator.model.Tag;

/**
 * Tags, every ref (branches and tags by name), and a commit's statuses: what Bitbucket clients list besides the
 * branches the plugin reads. A commit has no statuses until something reports a build on it.
 */
public final class RefEndpoints {

    private final Store store;
    private final CommitJson json;
    private final java.time.Clock clock;

    public RefEndpoints(Store store, CommitJson json, java.time.Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    public void tags(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        Predicate<String> byName = CommitEndpoints.byName(ex.query().first("q"));
        List<Tag> tags = r.tags().values().stream().filter(t -> byName.test(t.name())).toList();
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, tags, Paging.MAX_PAGELEN,
                (gen, s, t) -> json.tag(gen, s, r, t)));
    }

    public void tag(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        Tag tag = r.tags().get(ex.var(2));
        if (tag == null) {
            throw HttpError.notFound("Tag \"" + ex.var(2) + "\" not found in " + r.fullName());
        }
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> json.tag(new Gen(g, false), f, r, tag));
    }

    /** {@code POST …/refs/tags {name, target: {hash}, message?}}: 201 with the tag; 400 when the name is taken. */
    public void createTag(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        caller.requireAdmin(r);
        JsonNode body = ex.json();
        String name = body.path("name").asText("");
        String hash = body.path("target").path("hash").asText("");
        if (name.isBlank() || hash.isBlank()) {
            throw HttpError.badRequest("name and target.hash are required");
        }
        int target = CommitEndpoints.resolve(r, hash);
        int tagger = store.people().authorId(caller.user().displayName(), caller.user().email());
        Tag tag = new Tag(name, target, body.path("message").asText(""), tagger, clock.instant());
        if (r.tags().putIfAbsent(name, tag) != null) {
            throw HttpError.badRequest("Tag " + name + " already exists");
        }
        ex.header("Location", new Links(ex.baseUrl()).repo(r) + "/refs/tags/" + name);
        ex.json(201, g -> json.tag(new Gen(g, false), Fields.DEFAULTS, r, tag));
    }

    public void deleteTag(Exchange ex, Caller caller) {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        caller.requireAdmin(r);
        if (r.tags().remove(ex.var(2)) == null) {
            throw HttpError.notFound("Tag \"" + ex.var(2) + "\" not found in " + r.fullName());
        }
        ex.empty(204);
    }

    /** Branches and tags together, by name (Bitbucket's default order for refs). */
    public void refs(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        Predicate<String> byName = CommitEndpoints.byName(ex.query().first("q"));
        List<Object> refs = new ArrayList<>();
        r.branches().entrySet().stream().filter(e -> byName.test(e.getKey())).forEach(refs::add);
        r.tags().values().stream().filter(t -> byName.test(t.name())).forEach(refs::add);
        refs.sort(Comparator.comparing(RefEndpoints::name));
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, refs, Paging.MAX_PAGELEN, (gen, s, ref) -> {
            if (ref instanceof Tag tag) {
                json.tag(gen, s, r, tag);
            } else {
                @SuppressWarnings("unchecked")
                java.util.Map.Entry<String, Integer> branch = (java.util.Map.Entry<String, Integer>) ref;
                json.branch(gen, s, r, branch.getKey(), branch.getValue());
            }
        }));
    }

    /** A commit's build statuses: none are reported in the simulator yet, so an empty page (404 for no commit). */
    public void statuses(Exchange ex, Caller caller) throws IOException {
        Repository r = caller.repository(store, ex.var(0), ex.var(1));
        CommitEndpoints.resolve(r, ex.var(2));
        Fields f = Fields.parse(ex.query().first("fields"));
        ex.json(200, g -> Paging.writeList(new Gen(g, false), f, ex, List.of(), Paging.MAX_PAGELEN,
                (gen, s, status) -> { }));
    }

    private static String name(Object ref) {
        return ref instanceof Tag tag ? tag.name() : ((java.util.Map.Entry<?, ?>) ref).getKey().toString();
    }
}
