package org.dvcsconnector.refapp.simulator.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dvcsconnector.refapp.simulator.http.HttpError;
import org.dvcsconnector.refapp.simulator.model.Repository;

/**
 * The part of Bitbucket's filtering and sorting ({@code q=}, {@code sort=}) the repository listing understands.
 * {@code q}: conditions joined by {@code AND}; text fields ({@code name}, {@code slug}, {@code full_name},
 * {@code uuid}) with {@code =}, {@code !=}, {@code ~} (contains, case-insensitive) and {@code !~} against a quoted
 * string; {@code is_private} with {@code =} or {@code !=} against {@code true}/{@code false}; {@code created_on} and
 * {@code updated_on} with {@code =}, {@code !=}, {@code >}, {@code >=}, {@code <} and {@code <=} against an ISO-8601
 * date or date-time, unquoted as Bitbucket writes them ({@code updated_on > 2026-12-01T00:00:00+00:00}; no offset
 * means UTC). {@code sort}: one of those fields, {@code -} in front for descending. Anything else is a 400 in
 * Bitbucket's error shape.
 */
final class RepositoryQuery {

    private static final Pattern CONDITION = Pattern.compile(
            "\\s*([a-z_.]+)\\s*(!=|!~|>=|<=|=|~|>|<)\\s*(\"([^\"]*)\"|\\S+)\\s*");
    private static final Map<String, Function<Repository, String>> TEXT = Map.of(
            "name", Repository::name, "slug", Repository::slug, "full_name", Repository::fullName,
            "uuid", Repository::uuid);
    private static final Map<String, Function<Repository, Instant>> TIME = Map.of(
            "created_on", Repository::createdOn, "updated_on", Repository::updatedOn);

    private RepositoryQuery() {}

    static Predicate<Repository> filter(String q) {
        if (q == null || q.isBlank()) {
            return r -> true;
        }
        Predicate<Repository> all = r -> true;
        for (String clause : q.split("(?i)\\s+AND\\s+")) {
            Matcher m = CONDITION.matcher(clause);
            if (!m.matches()) {
                throw invalid(q, "expected field operator value, as in updated_on > 2026-12-01T00:00:00+00:00");
            }
            all = all.and(condition(q, m.group(1), m.group(2), m.group(4) != null ? m.group(4) : m.group(3),
                    m.group(4) != null));
        }
        return all;
    }

    private static Predicate<Repository> condition(String q, String field, String op, String value, boolean quoted) {
        if (TEXT.containsKey(field)) {
            if (!quoted || !(op.equals("=") || op.equals("!=") || op.equals("~") || op.equals("!~"))) {
                throw invalid(q, field + " takes =, !=, ~ or !~ and a quoted string");
            }
            Function<Repository, String> get = TEXT.get(field);
            String lower = value.toLowerCase(Locale.ROOT);
            return switch (op) {
                case "=" -> r -> get.apply(r).equals(value);
                case "!=" -> r -> !get.apply(r).equals(value);
                case "~" -> r -> get.apply(r).toLowerCase(Locale.ROOT).contains(lower);
                default -> r -> !get.apply(r).toLowerCase(Locale.ROOT).contains(lower);
            };
        }
        if (field.equals("is_private")) {
            if (quoted || !(value.equals("true") || value.equals("false")) || !(op.equals("=") || op.equals("!="))) {
                throw invalid(q, "is_private takes = or != and true or false");
            }
            boolean wanted = Boolean.parseBoolean(value) == op.equals("=");
            return r -> r.isPrivate() == wanted;
        }
        if (TIME.containsKey(field)) {
            if (op.contains("~")) {
                throw invalid(q, field + " takes =, !=, >, >=, < or <= and a date-time");
            }
            Instant when = instant(q, value);
            Function<Repository, Instant> get = TIME.get(field);
            return r -> {
                int c = get.apply(r).compareTo(when);
                return switch (op) {
                    case "=" -> c == 0;
                    case "!=" -> c != 0;
                    case ">" -> c > 0;
                    case ">=" -> c >= 0;
                    case "<" -> c < 0;
                    default -> c <= 0;
                };
            };
        }
        throw invalid(q, "the field \"" + field + "\" does not support filtering here (name, slug, full_name, uuid, "
                + "is_private, created_on, updated_on do)");
    }

    /** An ISO-8601 date-time with or without an offset (UTC when none), or a date (its midnight, UTC). */
    static Instant instant(String q, String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw invalid(q, "\"" + value + "\" is not an ISO-8601 date or date-time");
        }
    }

    static Comparator<Repository> sort(String sort) {
        if (sort == null || sort.isBlank()) {
            return null;
        }
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        Comparator<Repository> by;
        if (TEXT.containsKey(field)) {
            by = Comparator.comparing(TEXT.get(field));
        } else if (TIME.containsKey(field)) {
            by = Comparator.comparing(TIME.get(field));
        } else if (field.equals("is_private")) {
            by = Comparator.comparing(Repository::isPrivate);
        } else {
            throw new HttpError(400, "Invalid sort field: " + sort, "The simulator sorts repositories by name, slug, "
                    + "full_name, uuid, is_private, created_on or updated_on; a leading - sorts descending.", null, Map.of());
        }
        return descending ? by.reversed() : by;
    }

    private static HttpError invalid(String q, String detail) {
        return new HttpError(400, "Invalid query: " + q, detail, null, Map.of());
    }
}
