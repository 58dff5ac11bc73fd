import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  needsPolling, pollDelay, syncLine, deletionText, deletionSummary, changes, errorMessage,
} from '../admin/accounts-model.js';

test('polls while a deletion or a discovery is under way', () => {
  assert.equal(needsPolling([{ status: 'ACTIVE', discoveryState: 'DONE' }]), false);
  assert.equal(needsPolling([{ status: 'DELETING' }]), true);
  assert.equal(needsPolling([{ status: 'ACTIVE', discoveryState: 'RUNNING' }]), true);
  assert.equal(needsPolling([]), false);
});

test('polls while syncs have work left, closely only while one runs or is queued', () => {
  const idle = { status: 'ACTIVE', discoveryState: 'DONE', sync: { queued: 0, running: 0, paused: 0, historyPending: 0 } };
  const paused = { ...idle, sync: { ...idle.sync, paused: 2 } };
  const history = { ...idle, sync: { ...idle.sync, historyPending: 40 } };
  const running = { ...idle, sync: { ...idle.sync, running: 1 } };
  assert.equal(needsPolling([idle]), false);
  assert.equal(needsPolling([paused]), true);
  assert.equal(needsPolling([history]), true);
  assert.equal(needsPolling([idle, running]), true);
  assert.equal(pollDelay([paused, history]), 15000);
  assert.equal(pollDelay([paused, running]), 2000);
  assert.equal(pollDelay([{ status: 'DELETING' }]), 2000);
});

test('a repository\'s sync line is its text and state, none before its first sync', () => {
  assert.deepEqual(syncLine({ sync: { state: 'PAUSED' }, syncText: 'Paused until 11:00 (…)' }),
    { text: 'Paused until 11:00 (…)', state: 'PAUSED' });
  assert.equal(syncLine({ sync: null }), null);
  assert.deepEqual(syncLine({ sync: { state: 'DONE' } }), { text: '', state: 'DONE' });
});

test('deletion progress is clamped and never divides by zero', () => {
  assert.equal(deletionText({ done: 21, total: 50 }), '42% (21 / 50)');
  assert.equal(deletionText({ done: 0, total: 0 }), '0% (0 / 0)');
  assert.equal(deletionText({ done: 80, total: 50 }), '100% (50 / 50)');
  assert.equal(deletionText({ done: 'x', total: null }), '0% (0 / 0)');
  assert.equal(deletionText(null), '');
});

test('the delete summary names what goes', () => {
  assert.match(deletionSummary({ workspaceName: 'acme', repositories: [{}, {}] }), /acme and its 2 repositories/);
  assert.match(deletionSummary({ workspaceName: 'x', repositories: [{}] }), /1 repository,/);
  assert.match(deletionSummary({ workspaceName: 'x' }), /0 repositories/);
});

test('changes finds deleted accounts and finished discoveries', () => {
  const before = [{ id: 1, discoveryState: 'RUNNING' }, { id: 2, status: 'DELETING' }];
  const after = [{ id: 1, discoveryState: 'DONE' }];
  assert.deepEqual(changes(before, after), { vanished: [2], finished: true });
  assert.deepEqual(changes(after, after), { vanished: [], finished: false });
});

test('error messages come from either REST error shape', () => {
  assert.equal(errorMessage({ message: 'No.' }, 403), 'No.');
  assert.equal(errorMessage({ errors: { workspace: 'Bad.', clientId: 'Worse.' } }, 400), 'Bad. Worse.');
  assert.equal(errorMessage(null, 502), 'The server answered 502.');
  assert.equal(errorMessage({ errors: { x: 1 } }, 400), 'The server answered 400.');
});
