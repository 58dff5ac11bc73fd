import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsPolling, deletionText, deletionSummary, changes, errorMessage } from '../admin/accounts-model.js';

test('polls while a deletion or a discovery is under way', () => {
  assert.equal(needsPolling([{ status: 'ACTIVE', discoveryState: 'DONE' }]), false);
  assert.equal(needsPolling([{ status: 'DELETING' }]), true);
  assert.equal(needsPolling([{ status: 'ACTIVE', discoveryState: 'RUNNING' }]), true);
  assert.equal(needsPolling([]), false);
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
