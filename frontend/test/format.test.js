import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relativeTime } from '../admin/format.js';

const now = new Date('2026-11-24T12:00:00Z');

test('recent moments read as just now', () => {
  assert.equal(relativeTime(new Date('2026-11-24T11:59:30Z'), now), 'just now');
});

test('past and future use whole units', () => {
  assert.equal(relativeTime(new Date('2026-11-24T11:57:00Z'), now), '3 minutes ago');
  assert.equal(relativeTime(new Date('2026-11-24T14:00:00Z'), now), 'in 2 hours');
  assert.equal(relativeTime(new Date('2026-11-21T12:00:00Z'), now), '3 days ago');
});

test('an invalid date gives an empty string, not an exception', () => {
  assert.equal(relativeTime(new Date('not a date'), now), '');
});
