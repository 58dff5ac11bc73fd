package org.dvcsconnector.devinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.dvcsconnector.db.StoredText;
import org.dvcsconnector.refapp.db.Database;
import org.dvcsconnector.spi.PermissionService;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The panel's queries over real ActiveObjects tables, on H2 and on PostgreSQL: what they return, and that the
 * number of SQL statements per request does not grow with the data (no N+1).
 */
class DevInfoQueriesTest {

    @Nested
    class OnH2 extends Cases {
        @Override
        Database open() {
            return h2();
        }
    }

    @Nested
    class OnPostgres extends Cases {
        @Override
        Database open() throws Exception {
            return onPostgres();
        }
    }

    abstract static class Cases extends DevInfoCase {

        @Test
        void aLongNameIsShownWholeAndACutTextSaysWhereItWasCut() throws Exception {
            start();
            int webapp = repository("webapp", true);
            String message = "DEMO-1 a long message\n" + "m".repeat(StoredText.LONG);
            String head = commit(webapp, "DEMO-1", message);
            String name = "feature/DEMO-1-" + "n".repeat(1_000);
            branch(webapp, "DEMO-1", name, head);
            branch(webapp, "DEMO-1", "feature/DEMO-1-" + "n".repeat(999) + "o", head); // shares the key's prefix
            String title = "DEMO-1 " + "t".repeat(70_000);
            store.writer().write(webapp, tx -> {
                tx.savePullRequest(new PullRequestRow(7, title, PullRequestState.OPEN, name, "main", "Bob", 5L, 0, null,
                        null, null));
                tx.insertLinks(List.of(new LinkRow("DEMO-1", "DEMO", LinkKind.PULL_REQUEST, "7")), new HashSet<>());
            });

            DevInfoSummary summary = queries.summary("DEMO-1");
            assertThat(summary.branches().count()).isEqualTo(2);
            assertThat(summary.pullRequests().count()).isEqualTo(1);
            assertThat(queries.summaryFromLinks("DEMO-1")).isEqualTo(summary);

            DevInfoDetail.Repository detail = queries.detail("DEMO-1").repositories().get(0);
            DevInfoDetail.Branch branch = detail.branches().items().stream().filter(b -> b.name().equals(name))
                    .findFirst().orElseThrow();
            assertThat(branch.url()).endsWith("/branch/" + name);
            assertThat(branch.createPullRequestUrl()).contains("source=" + name.replace("/", "%2F") + "&");
            assertThat(branch.lastCommit().messageTruncated()).isTrue();
            assertThat(branch.lastCommit().messageLength()).isEqualTo(message.length());
            DevInfoDetail.Commit commit = detail.commits().items().get(0);
            assertThat(commit.message()).isEqualTo("DEMO-1 a long message");
            assertThat(commit.messageTruncated()).isTrue();
            assertThat(commit.messageLength()).isEqualTo(message.length());
            DevInfoDetail.PullRequest pr = detail.pullRequests().items().get(0);
            assertThat(pr.title()).hasSize(StoredText.LONG).isEqualTo(title.substring(0, StoredText.LONG));
            assertThat(pr.titleTruncated()).isTrue();
            assertThat(pr.titleLength()).isEqualTo(title.length());
            assertThat(pr.source()).isEqualTo(name);
            assertThat(pr.destination()).isEqualTo("main");

            // a short message says nothing was cut
            commit(webapp, "DEMO-2", "DEMO-2 short");
            DevInfoDetail.Commit whole = queries.detail("DEMO-2").repositories().get(0).commits().items().get(0);
            assertThat(whole.messageTruncated()).isFalse();
            assertThat(whole.messageLength()).isNull();
        }

        @Test
        void theSummaryCountsWhatTheIssueLinksInLinkedRepositoriesOnly() throws Exception {
            start();
            int webapp = repository("webapp", true);
            int api = repository("api", true);
            int unlinked = repository("old", false);
            String head = commit(webapp, "DEMO-1", "DEMO-1 first");
            commit(api, "DEMO-1", "DEMO-1 second");
            commit(unlinked, "DEMO-1", "DEMO-1 not shown");
            commit(webapp, "DEMO-2", "DEMO-2 another issue");
            branch(webapp, "DEMO-1", "feature/DEMO-1", head);
            branch(unlinked, "DEMO-1", "feature/DEMO-1", head);
            pullRequest(webapp, "DEMO-1", 1, "OPEN", 5L, List.of());
            pullRequest(webapp, "DEMO-1", 2, "MERGED", 6L, List.of());
            pullRequest(api, "DEMO-1", 1, "DECLINED", 7L, List.of());
            pullRequest(api, "DEMO-1", 2, "SUPERSEDED", 8L, List.of());

            DevInfoSummary summary = queries.summary("DEMO-1");

            assertThat(summary.commits().count()).isEqualTo(2);
            assertThat(summary.branches().count()).isEqualTo(1);
            assertThat(summary.pullRequests()).isEqualTo(new DevInfoSummary.PullRequestCount(4, 1, 1, 1));
            assertThat(summary.lastUpdated()).isNotNull();
            assertThat(summary.lastUpdated().toEpochMilli()).isGreaterThan(System.currentTimeMillis() - 60_000);
            assertThat(queries.summary("DEMO-404")).isEqualTo(DevInfoSummary.EMPTY);
            assertThat(queries.summary("DEMO-2").commits().count()).isEqualTo(1);
            assertThat(queries.summaryFromLinks("DEMO-1")).isEqualTo(summary);
        }

        @Test
        void theDetailIsGroupedByRepositoryNewestFirstBoundedAndLinksOnlyToHttp() throws Exception {
            start();
            int webapp = repository("webapp", true);
            int api = repository("api", true);
            List<String> hashes = new ArrayList<>();
            for (int i = 0; i < DevInfoQueries.LIMIT + 5; i++) {
                hashes.add(commit(webapp, "DEMO-1", "DEMO-1 change " + i + "\n\nbody that is not shown"));
            }
            String apiHead = commit(api, "DEMO-1", "x".repeat(5000));
            branch(api, "DEMO-1", "feature/DEMO-1 \"<b>\"", apiHead);
            pullRequest(api, "DEMO-1", 3, "OPEN", 10L, List.of(
                    new Participant("Carol", "https://avatars.example/carol", "REVIEWER", true),
                    new Participant("Dave", "javascript:alert(1)", "REVIEWER", false),
                    new Participant("Erin", null, "PARTICIPANT", false)));
            pullRequest(api, "DEMO-1", 4, "MERGED", 20L, List.of());

            DevInfoDetail detail = queries.detail("DEMO-1");

            assertThat(detail.repositories()).extracting(DevInfoDetail.Repository::name).containsExactly("API", "WEBAPP");
            DevInfoDetail.Repository web = detail.repositories().get(1);
            assertThat(web.url()).isEqualTo(SITE + "/acme/webapp");
            assertThat(web.avatarUrl()).as("a javascript: avatar is dropped").isNull();
            assertThat(web.commits().total()).isEqualTo(DevInfoQueries.LIMIT + 5);
            assertThat(web.commits().items()).hasSize(DevInfoQueries.LIMIT);
            assertThat(web.commits().items().get(0).hash()).isEqualTo(hashes.get(hashes.size() - 1));
            assertThat(web.commits().items().get(0).message()).isEqualTo("DEMO-1 change " + (hashes.size() - 1));
            assertThat(web.commits().items().get(0).url()).isEqualTo(SITE + "/acme/webapp/commits/" + hashes.get(hashes.size() - 1));
            assertThat(web.commits().items().get(0).shortHash()).hasSize(12);
            assertThat(web.commits().moreUrl()).startsWith(SITE + "/acme/webapp/");
            assertThat(web.branches().total()).isZero();

            DevInfoDetail.Repository apiRepo = detail.repositories().get(0);
            assertThat(apiRepo.commits().items().get(0).message()).hasSize(DevInfoQueries.MAX_LINE + 1).endsWith("\u2026");
            DevInfoDetail.Branch branch = apiRepo.branches().items().get(0);
            assertThat(branch.name()).isEqualTo("feature/DEMO-1 \"<b>\"");
            assertThat(branch.url()).isEqualTo(SITE + "/acme/api/branch/feature/DEMO-1%20%22%3Cb%3E%22");
            assertThat(branch.createPullRequestUrl()).contains("source=feature%2FDEMO-1+%22%3Cb%3E%22");
            assertThat(branch.lastCommit().hash()).isEqualTo(apiHead);
            assertThat(apiRepo.pullRequests().items()).extracting(DevInfoDetail.PullRequest::id).containsExactly(4L, 3L);
            DevInfoDetail.PullRequest open = apiRepo.pullRequests().items().get(1);
            assertThat(open.status()).isEqualTo("OPEN");
            assertThat(open.approvals()).isEqualTo(1);
            assertThat(open.reviewers()).containsExactly(
                    new DevInfoDetail.Reviewer("Carol", "https://avatars.example/carol", true),
                    new DevInfoDetail.Reviewer("Dave", null, false));
            assertThat(open.source()).isEqualTo("feature/3");
            assertThat(open.commentCount()).isEqualTo(2);
        }

        @Test
        void statementsPerRequestDoNotGrowWithTheData() throws Exception {
            start();
            int one = repository("one", true);
            String head = commit(one, "DEMO-1", "DEMO-1 only");
            branch(one, "DEMO-1", "DEMO-1", head);
            pullRequest(one, "DEMO-1", 1, "OPEN", 1L, List.of());
            int smallSummary = count(() -> queries.summary("DEMO-1"));
            int smallDetail = count(() -> queries.detail("DEMO-1"));

            for (int r = 0; r < 6; r++) {
                int repository = repository("many-" + r, true);
                for (int i = 0; i < 80; i++) {
                    String hash = commit(repository, "DEMO-9", "DEMO-9 change " + i);
                    if (i % 10 == 0) {
                        branch(repository, "DEMO-9", "DEMO-9-" + i, hash);
                    }
                }
                for (int p = 1; p <= 5; p++) {
                    pullRequest(repository, "DEMO-9", p, p % 2 == 0 ? "MERGED" : "OPEN", p, List.of());
                }
            }
            int[] sizes = new int[3];
            int bigSummary = count(() -> sizes[0] = queries.summary("DEMO-9").commits().count());
            int bigDetail = count(() -> {
                DevInfoDetail detail = queries.detail("DEMO-9");
                sizes[1] = detail.repositories().size();
                sizes[2] = detail.repositories().stream().mapToInt(r -> r.commits().items().size()).sum();
            });

            assertThat(sizes).containsExactly(480, 6, 6 * DevInfoQueries.LIMIT);
            assertThat(smallSummary).as("summary statements").isEqualTo(1).isEqualTo(bigSummary);
            assertThat(smallDetail).as("detail statements").isEqualTo(3).isEqualTo(bigDetail);
        }

        @Test
        void theServiceAnswersOnlyThoseWhoMayBrowseTheIssue() throws Exception {
            start();
            PermissionService permissions = new PermissionService() {
                @Override
                public boolean canBrowseProject(String username, String projectKey) {
                    return true;
                }

                @Override
                public boolean canBrowseIssue(String username, String issueKey) {
                    return "alice".equals(username) && issueKey.startsWith("DEMO-");
                }
            };
            DevInfoService service = new DevInfoService(permissions, queries);
            assertThat(service.summary("alice", "DEMO-1")).isPresent();
            assertThat(service.detail("alice", "DEMO-1")).isPresent();
            assertThat(service.summary("alice", "OPS-1")).isEqualTo(Optional.empty());
            assertThat(service.detail("bob", "DEMO-1")).isEmpty();
            assertThat(service.summary(null, "DEMO-1")).isEmpty();
        }
    }
}
