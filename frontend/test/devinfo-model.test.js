import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  safeHttpUrl, message, groups, tabTotals, tabAfterKey, statusClass, initials, reviewersText, route, cutNote,
} from '../devinfo/devinfo-model.js';

test('only absolute http(s) URLs survive', () => {
  assert.equal(safeHttpUrl('https://bitbucket.org/acme/webapp'), 'https://bitbucket.org/acme/webapp');
  assert.equal(safeHttpUrl('http://localhost:2991/acme/a?x="<b>"'), 'http://localhost:2991/acme/a?x=%22%3Cb%3E%22');
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', '/relative', '',
    null, undefined, 42, 'vbscript:x', 'https//no-colon']) {
    assert.equal(safeHttpUrl(bad), null, String(bad));
  }
});

test('messages fill placeholders and fall back to the key', () => {
  const m = { 'a.b': 'See all {0} in {1}' };
  assert.equal(message(m, 'a.b', 3, 'Bitbucket'), 'See all 3 in Bitbucket');
  assert.equal(message(m, 'a.b', 3), 'See all 3 in {1}');
  assert.equal(message(m, 'missing'), 'missing');
  assert.equal(message(undefined, 'x'), 'x');
});

const detail = {
  repositories: [
    { name: 'api', commits: { total: 2, items: [{}, {}] }, branches: { total: 0, items: [] }, pullRequests: { total: 1, items: [{}] } },
    { name: 'webapp', commits: { total: 60, items: new Array(50).fill({}) }, branches: { total: 1, items: [{}] }, pullRequests: { total: 0, items: [] } },
  ],
};

test('groups keep repositories with something for the tab, and totals count beyond the bound', () => {
  assert.deepEqual(groups(detail, 'commits').map((g) => g.repository.name), ['api', 'webapp']);
  assert.deepEqual(groups(detail, 'branches').map((g) => g.repository.name), ['webapp']);
  assert.deepEqual(groups(detail, 'pullrequests').map((g) => g.repository.name), ['api']);
  assert.deepEqual(tabTotals(detail), { commits: 62, branches: 1, pullrequests: 1 });
  assert.deepEqual(tabTotals({ repositories: [] }), { commits: 0, branches: 0, pullrequests: 0 });
  assert.deepEqual(groups(null, 'commits'), []);
});

test('arrow keys move between tabs and wrap', () => {
  assert.equal(tabAfterKey('commits', 'ArrowRight'), 'branches');
  assert.equal(tabAfterKey('pullrequests', 'ArrowRight'), 'commits');
  assert.equal(tabAfterKey('commits', 'ArrowLeft'), 'pullrequests');
  assert.equal(tabAfterKey('branches', 'Home'), 'commits');
  assert.equal(tabAfterKey('commits', 'End'), 'pullrequests');
  assert.equal(tabAfterKey('commits', 'Enter'), null);
});

test('status, initials, reviewers and route read as text', () => {
  assert.equal(statusClass('MERGED'), 'merged');
  assert.equal(statusClass('<img onerror=x>'), 'neutral');
  assert.equal(initials('Alice Anders'), 'AA');
  assert.equal(initials('  bob '), 'B');
  assert.equal(initials(''), '?');
  assert.equal(initials('\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd'), '\u05e9\u05e2');
  const m = { 'dvcs.devinfo.approved': 'approved', 'dvcs.devinfo.noreviewers': 'No reviewers' };
  assert.equal(reviewersText([{ name: 'Bob', approved: true }, { name: 'Carol', approved: false }], m), 'Bob (approved), Carol');
  assert.equal(reviewersText([], m), 'No reviewers');
  assert.equal(route({ source: 'feature/x', destination: 'main' }), 'feature/x \u2192 main');
});

test('a message or title stored cut says where and how long it was', () => {
  const m = { 'dvcs.devinfo.cut': '(cut at {0} of {1} characters)' };
  assert.equal(cutNote({ messageTruncated: true, messageLength: 10485760 }, 65536, m),
    '(cut at 65,536 of 10,485,760 characters)');
  assert.equal(cutNote({ titleTruncated: true, titleLength: 70000 }, 65536, m), '(cut at 65,536 of 70,000 characters)');
  assert.equal(cutNote({ messageTruncated: false, messageLength: null }, 65536, m), null);
  assert.equal(cutNote({}, 65536, m), null);
  assert.equal(cutNote(undefined, 65536, m), null);
});
