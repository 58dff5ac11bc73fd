package org.dvcsconnector.refapp.simulator.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.dvcsconnector.refapp.simulator.http.Exchange;
import org.dvcsconnector.refapp.simulator.http.HttpError;

/**
 * Bitbucket's two kinds of pagination. List-based (repositories, branches, pull requests, hooks,
 * workspaces): {@code size}, {@code page}, {@code pagelen}, {@code next}, {@code previous}, page numbers.
 * Iterator-based (commits): only {@code pagelen}, {@code values} and an opaque {@code next} whose
 * {@code page} token encodes where the walk resumes.
 *
 * <p>{@code pagelen}: default 10, at least 1, at most 100 ({@code paginated_*} definitions: "The default
 * value is 10 with 100 being the maximum allowed value"), except pull requests: at most 50, as Bitbucket
 * enforces. Anything else is a 400, so a client that asks for too much learns it at once.
 */
public final class Paging {

    public static final int DEFAULT_PAGELEN = 10;
    public static final int MAX_PAGELEN = 100;
    public static final int MAX_PULLREQUEST_PAGELEN = 50;

    private Paging() {}

    public static int pagelen(Exchange ex, int max) {
        String raw = ex.query().first("pagelen");
        if (raw == null) {
            return Math.min(DEFAULT_PAGELEN, max);
        }
        int n = parsePositive(raw, "pagelen");
        if (n > max) {
            throw HttpError.badRequest("Invalid pagelen: " + raw + " (the maximum for this resource is " + max + ")");
        }
        return n;
    }

    public static int page(Exchange ex) {
        String raw = ex.query().first("page");
        return raw == null ? 1 : parsePositive(raw, "page");
    }

    private static int parsePositive(String raw, String name) {
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw HttpError.badRequest("Invalid " + name + ": " + raw);
    }

    /** Writes a list-based page of {@code items}. */
    public static <T> void writeList(Gen g, Fields root, Exchange ex, List<T> items, int max, Item<T> writer)
            throws IOException {
        int pagelen = pagelen(ex, max);
        int page = page(ex);
        int from = (int) Math.min((long) (page - 1) * pagelen, items.size());
        int to = Math.min(from + pagelen, items.size());
        g.raw().writeStartObject();
        g.num(root, "pagelen", pagelen);
        g.num(root, "size", items.size());
        g.num(root, "page", page);
        Fields values = g.arr(root, "values", true);
        if (values != null) {
            for (T item : items.subList(from, to)) {
                writer.write(g, values, item);
            }
            g.endArray();
        }
        if (to < items.size()) {
            g.str(root, "next", withParam(ex, "page", Integer.toString(page + 1)));
        }
        if (page > 1) {
            g.str(root, "previous", withParam(ex, "page", Integer.toString(page - 1)));
        }
        g.end();
    }

    /** This request's absolute URL with {@code name} set to {@code value} (other parameters kept as sent). */
    public static String withParam(Exchange ex, String name, String value) {
        StringBuilder sb = new StringBuilder(ex.baseUrl()).append(ex.path()).append('?');
        String query = rawQuery(ex);
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.startsWith(name + "=") && !pair.equals(name)) {
                    sb.append(pair).append('&');
                }
            }
        }
        return sb.append(name).append('=').append(value).toString();
    }

    private static String rawQuery(Exchange ex) {
        return ex.rawQuery();
    }

    /** An opaque iterator cursor: where the walk resumes. Clients must not (and cannot usefully) parse it. */
    public static String token(int resumeAt) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("c1:" + Integer.toHexString(resumeAt * 31 + 7)).getBytes(StandardCharsets.US_ASCII));
    }

    public static int fromToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (s.startsWith("c1:")) {
                int v = Integer.parseUnsignedInt(s.substring(3), 16) - 7;
                if (v >= 0 && v % 31 == 0) {
                    return v / 31;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw HttpError.badRequest("Invalid page: " + token);
    }

    /** Renders one item of a page. */
    @FunctionalInterface
    public interface Item<T> {
        void write(Gen g, Fields s, T item) throws IOException;
    }
}
