// bitbucket.js (npm "bitbucket", pinned in package.json), a widely used Bitbucket Cloud client that nobody here
// wrote, against the simulator: every endpoint the plugin calls, the ones Bitbucket clients expect besides, and
// webhook create, list, update and delete. A failure here is a simulator bug until shown otherwise.
// Run by BitbucketJsContractTest, which starts the simulator and sets SIM_URL, SIM_WORKSPACE, SIM_REPOSITORY,
// SIM_CLIENT_ID and SIM_CLIENT_SECRET (a private consumer of that workspace).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import bitbucketJs from 'bitbucket';

const { Bitbucket } = bitbucketJs;

const SIM = required('SIM_URL');
const workspace = required('SIM_WORKSPACE');
const repo_slug = required('SIM_REPOSITORY');
let bitbucket;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run this through BitbucketJsContractTest`);
  }
  return value;
}

before(async () => {
  const basic = Buffer.from(`${required('SIM_CLIENT_ID')}:${required('SIM_CLIENT_SECRET')}`).toString('base64');
  const response = await fetch(`${SIM}/site/oauth2/access_token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  assert.equal(response.status, 200, await response.clone().text());
  const token = await response.json();
  assert.equal(token.token_type, 'bearer');
  // The client sends the token in the Authorization header only, as Bitbucket requires.
  bitbucket = new Bitbucket({ baseUrl: `${SIM}/2.0`, auth: { token: token.access_token }, notice: false });
});

/** Every page of a listing, through the client's own pagination (it follows `next`). */
async function all(first) {
  let page = await first;
  const values = [...page.data.values];
  while (bitbucket.hasNextPage(page.data)) {
    page = await bitbucket.getNextPage(page.data);
    values.push(...page.data.values);
  }
  return values;
}

test('the workspaces of the current user (GET /user/workspaces, through the generic request)', async () => {
  const { data } = await bitbucket.request('GET /user/workspaces', { pagelen: 100 });
  assert.ok(data.values.some((w) => w.workspace.slug === workspace), JSON.stringify(data));
});

test('one workspace (GET /workspaces/{workspace})', async () => {
  const { data } = await bitbucket.workspaces.getWorkspace({ workspace });
  assert.equal(data.slug, workspace);
  assert.equal(data.type, 'workspace');
});

test("a workspace's repositories, paged (GET /repositories/{workspace})", async () => {
  const values = await all(bitbucket.repositories.list({ workspace, pagelen: 1 }));
  assert.ok(values.length >= 2, 'several pages of one');
  assert.ok(values.some((r) => r.slug === repo_slug));
  assert.equal(new Set(values.map((r) => r.uuid)).size, values.length, 'no repository twice');
});

test('one repository (GET /repositories/{workspace}/{repo_slug})', async () => {
  const { data } = await bitbucket.repositories.get({ workspace, repo_slug });
  assert.equal(data.full_name, `${workspace}/${repo_slug}`);
  assert.ok(data.mainbranch.name);
});

test('branches and tags (GET …/refs/branches, …/refs/tags, …/refs)', async () => {
  const branches = await all(bitbucket.refs.listBranches({ workspace, repo_slug, pagelen: 100 }));
  assert.ok(branches.some((b) => b.name === 'main'));
  assert.match(branches[0].target.hash, /^[0-9a-f]{40}$/);
  const tags = await all(bitbucket.refs.listTags({ workspace, repo_slug }));
  assert.ok(tags.some((t) => t.name === 'v1.0' && t.type === 'tag'), JSON.stringify(tags.map((t) => t.name)));
  const refs = await all(bitbucket.refs.list({ workspace, repo_slug }));
  assert.ok(refs.length >= branches.length);
});

test('commits, paged, with include and exclude (GET …/commits)', async () => {
  const values = await all(bitbucket.repositories.listCommits({ workspace, repo_slug, pagelen: 3 }));
  assert.ok(values.length > 3, 'more than one page');
  assert.equal(new Set(values.map((c) => c.hash)).size, values.length, 'no commit twice');
  const { data } = await bitbucket.repositories.listCommits({ workspace, repo_slug, include: 'main', pagelen: 5 });
  assert.equal(data.values.length, 5);
});

test('commits by a POSTed form of include and exclude (POST …/commits)', async () => {
  const { data } = await bitbucket.request('POST /repositories/{workspace}/{repo_slug}/commits', {
    workspace, repo_slug, _body: 'include=main', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.ok(data.values.length > 0);
});

test("one commit and its statuses (GET …/commit/{commit}, …/commit/{commit}/statuses)", async () => {
  const { data: page } = await bitbucket.repositories.listCommits({ workspace, repo_slug, pagelen: 1 });
  const commit = page.values[0].hash;
  const { data } = await bitbucket.commits.get({ workspace, repo_slug, commit });
  assert.equal(data.hash, commit);
  const statuses = await all(bitbucket.repositories.listCommitStatuses({ workspace, repo_slug, commit }));
  assert.ok(Array.isArray(statuses));
});

test('pull requests in each state (GET …/pullrequests?state=…)', async () => {
  // The client accepts one state a call (the plugin repeats the parameter, which Bitbucket also takes).
  const seen = [];
  for (const state of ['OPEN', 'MERGED', 'DECLINED', 'SUPERSEDED']) {
    const values = await all(bitbucket.repositories.listPullRequests({ workspace, repo_slug, state, pagelen: 50 }));
    values.forEach((pr) => assert.equal(pr.state, state));
    seen.push(...values);
  }
  assert.ok(seen.some((pr) => pr.state === 'MERGED') && seen.some((pr) => pr.state === 'OPEN'));
  const { data } = await bitbucket.pullrequests.get({ workspace, repo_slug, pull_request_id: seen[0].id });
  assert.equal(data.id, seen[0].id);
});

test('a tag: create, get, list and delete (…/refs/tags)', async () => {
  const { data: main } = await bitbucket.refs.getBranch({ workspace, repo_slug, name: 'main' });
  const { data: created, status } = await bitbucket.refs.createTag({
    workspace, repo_slug, _body: { type: 'tag', name: 'contract-1', target: { hash: main.target.hash }, message: 'from bitbucket.js' },
  });
  assert.equal(status, 201);
  assert.equal(created.target.hash, main.target.hash);
  const { data: one } = await bitbucket.refs.getTag({ workspace, repo_slug, name: 'contract-1' });
  assert.equal(one.message, 'from bitbucket.js');
  const tags = await all(bitbucket.refs.listTags({ workspace, repo_slug, q: 'name ~ "contract"' }));
  assert.deepEqual(tags.map((t) => t.name), ['contract-1']);
  const deleted = await bitbucket.refs.deleteTag({ workspace, repo_slug, name: 'contract-1' });
  assert.equal(deleted.status, 204);
});

test('webhooks: create, list, get, update and delete (…/hooks)', async () => {
  const url = 'https://example.invalid/rest/dvcs/1.0/webhooks/bitbucket';
  const { data: created, status } = await bitbucket.repositories.createWebhook({
    workspace, repo_slug,
    _body: { description: 'bitbucket.js contract', url, active: true, secret: 's3cret-s3cret', events: ['repo:push'] },
  });
  assert.equal(status, 201);
  assert.match(created.uuid, /^\{[0-9a-f-]{36}\}$/);
  assert.equal(created.secret_set, true);
  assert.equal(created.secret, undefined, 'the secret is write-only');

  const listed = await all(bitbucket.repositories.listWebhooks({ workspace, repo_slug }));
  assert.ok(listed.some((h) => h.uuid === created.uuid));
  const { data: one } = await bitbucket.repositories.getWebhook({ workspace, repo_slug, uid: created.uuid });
  assert.equal(one.url, url);

  const { data: updated } = await bitbucket.repositories.updateWebhook({
    workspace, repo_slug, uid: created.uuid,
    _body: { description: 'bitbucket.js contract', url, active: true, events: ['repo:push', 'pullrequest:created'] },
  });
  assert.deepEqual([...updated.events].sort(), ['pullrequest:created', 'repo:push']);
  assert.equal(updated.secret_set, true, 'an update without a secret keeps it');

  const deleted = await bitbucket.repositories.deleteWebhook({ workspace, repo_slug, uid: created.uuid });
  assert.equal(deleted.status, 204);
  const after = await all(bitbucket.repositories.listWebhooks({ workspace, repo_slug }));
  assert.ok(!after.some((h) => h.uuid === created.uuid));
});

test('a repository that does not exist is a 404 the client reports as such', async () => {
  await assert.rejects(bitbucket.repositories.get({ workspace, repo_slug: 'no-such-repository' }),
    (e) => e.status === 404 && /not found/i.test(JSON.stringify(e.error)));
});
