import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transitionsFor } from '../admin/triggers-model.js';

const byProject = { DEMO: ['Start Progress', 'Resolve'], OPS: ['Resolve'], '*': ['Start Progress', 'Resolve'] };

test("a project's own workflow transitions", () => {
  assert.deepEqual(transitionsFor(byProject, 'OPS'), ['Resolve']);
});

test('all projects: the transitions of every workflow', () => {
  assert.deepEqual(transitionsFor(byProject, '*'), ['Start Progress', 'Resolve']);
});

test('a project the page does not know falls back to every workflow, and nothing when there is none', () => {
  assert.deepEqual(transitionsFor(byProject, 'NEW'), ['Start Progress', 'Resolve']);
  assert.deepEqual(transitionsFor({}, 'NEW'), []);
});
