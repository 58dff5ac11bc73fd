// The issue view's Development panel: the server renders the counts; this opens the detail dialog on a click
// (or Enter/Space: the lines are buttons) and shows "Updated" as a relative time.
import { relativeTime } from './format.js';
import { openDialog } from './devinfo-dialog.js';

const root = document.getElementById('dvcs-devinfo');

function messages() {
  try {
    return JSON.parse(root.dataset.messages || '{}');
  } catch {
    return {};
  }
}

function load() {
  const url = `${root.dataset.rest}/${encodeURIComponent(root.dataset.issueKey)}`;
  return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  });
}

if (root) {
  const updated = root.querySelector('time[datetime]');
  if (updated) updated.textContent = relativeTime(new Date(updated.dateTime), new Date());
  root.addEventListener('click', (event) => {
    const opener = event.target.closest('button[data-tab]');
    if (!opener) return;
    openDialog({ issueKey: root.dataset.issueKey, messages: messages(), tab: opener.dataset.tab, load, opener });
  });
}
