// Progressive enhancement for the DVCS accounts page: the page works without it. Everything that comes
// from the server is inserted with textContent, never as HTML.
import { relativeTime } from './format.js';
import {
  needsPolling, pollDelay, syncLine, deletionText, deletionSummary, changes, errorMessage,
} from './accounts-model.js';

const root = document.getElementById('dvcs-accounts');
const POLL_MS = 2000;

function rest(path, options = {}) {
  const headers = { Accept: 'application/json', 'X-Atlassian-Token': 'no-check' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`${root.dataset.rest}${path}`, {
    credentials: 'same-origin',
    ...options,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  }).then(async (response) => {
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(errorMessage(body, response.status));
    return body;
  });
}

function notify(text, success) {
  let banner = document.getElementById('dvcs-flash');
  if (!banner) {
    banner = document.createElement('div');
    banner.id = 'dvcs-flash';
    banner.setAttribute('role', 'status');
    root.querySelector('.dvcs-intro').after(banner);
  }
  banner.className = `dvcs-banner ${success ? 'success' : 'error'}`;
  banner.textContent = text;
}

// A reload (to show newly discovered repositories) must not lose the message the server just showed.
const KEPT_FLASH = 'dvcs.flash';

function reloadKeepingFlash() {
  const banner = document.getElementById('dvcs-flash');
  if (banner) {
    sessionStorage.setItem(KEPT_FLASH, JSON.stringify({
      text: banner.textContent.trim(),
      success: banner.classList.contains('success'),
    }));
  }
  window.location.reload();
}

function restoreFlash() {
  const kept = sessionStorage.getItem(KEPT_FLASH);
  sessionStorage.removeItem(KEPT_FLASH);
  if (!kept || document.getElementById('dvcs-flash')) return;
  try {
    const { text, success } = JSON.parse(kept);
    if (typeof text === 'string' && text) notify(text, Boolean(success));
  } catch { /* A damaged value is simply dropped. */ }
}

function showTimes() {
  for (const node of document.querySelectorAll('[data-timestamp]')) {
    node.title = node.dataset.timestamp;
    node.textContent = relativeTime(new Date(node.dataset.timestamp), new Date());
  }
}

// Options apply at once; the Save buttons are for browsers without this script.
function enhanceOptions() {
  root.classList.add('js');
  root.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.option) return;
    const form = box.form;
    const id = form.querySelector('input[name=id]').value;
    const path = form.classList.contains('dvcs-repository-options') ? `/repositories/${id}` : `/accounts/${id}`;
    box.disabled = true;
    rest(path, { method: 'PUT', body: { [box.dataset.option]: box.checked } })
      .then(() => notify('Saved.', true))
      .catch((error) => {
        box.checked = !box.checked;
        notify(`Not saved: ${error.message}`, false);
      })
      .finally(() => { box.disabled = false; });
  });
}

function enhanceDelete(accounts) {
  const dialog = document.createElement('dialog');
  dialog.id = 'dvcs-delete-dialog';
  const heading = document.createElement('h2');
  heading.textContent = 'Delete the account?';
  const text = document.createElement('p');
  const confirm = document.createElement('button');
  confirm.className = 'button danger';
  confirm.textContent = 'Delete';
  const cancel = document.createElement('button');
  cancel.className = 'button';
  cancel.textContent = 'Cancel';
  cancel.addEventListener('click', () => dialog.close());
  dialog.append(heading, text, confirm, cancel);
  document.body.append(dialog);

  root.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-action=delete]');
    if (!link || typeof dialog.showModal !== 'function') return;
    const card = link.closest('[data-account-id]');
    const account = accounts.find((a) => String(a.id) === card.dataset.accountId);
    if (!account) return;
    event.preventDefault();
    text.textContent = deletionSummary(account);
    confirm.onclick = () => {
      dialog.close();
      rest(`/accounts/${account.id}`, { method: 'DELETE' })
        .then(() => { notify(`Deleting ${account.workspaceName}…`, true); poll(); })
        .catch((error) => notify(`Not deleted: ${error.message}`, false));
    };
    dialog.showModal();
  });
}

let snapshot = [];

/** The accounts as rendered: id, status and discovery state from the cards' data attributes. */
function renderedAccounts() {
  return [...root.querySelectorAll('article[data-account-id]')].map((card) => ({
    id: Number(card.dataset.accountId),
    status: card.dataset.status,
    discoveryState: card.querySelector('[data-discovery-state]')?.dataset.discoveryState || null,
  }));
}
let timer = null;

// The sync lines as the server words them (REST carries the page's texts): a pause reads as a pause, with its end.
function renderSync(card, account) {
  const summary = card.querySelector('.dvcs-account-sync');
  if (summary && account.sync?.text) {
    summary.textContent = account.sync.text;
    summary.dataset.busy = String((account.sync.queued ?? 0) + (account.sync.running ?? 0) > 0);
    summary.dataset.paused = String((account.sync.paused ?? 0) > 0);
  }
  const usage = card.querySelector('.dvcs-budget-usage');
  if (usage && account.requestBudget?.usage) usage.textContent = account.requestBudget.usage;
  for (const repository of account.repositories ?? []) {
    const line = syncLine(repository);
    const cell = card.querySelector(`tr[data-repository-id="${repository.id}"] .sync-state`);
    if (!line || !cell) continue;
    let span = cell.querySelector('.sync-progress');
    if (!span) {
      span = document.createElement('span');
      span.className = 'sync-progress';
      const webhookError = cell.querySelector('.webhook-error');
      if (webhookError) webhookError.before(span);
      else cell.append(span);
    }
    span.textContent = line.text;
    span.dataset.state = line.state;
  }
}

function render(accounts) {
  for (const account of accounts) {
    const card = document.getElementById(`dvcs-account-${account.id}`);
    if (!card) continue;
    const progress = card.querySelector('.dvcs-progress');
    if (account.status === 'DELETING' && progress) {
      progress.querySelector('progress').value = account.deletion?.percent ?? 0;
      progress.querySelector('.progress-text').textContent = deletionText(account.deletion);
    } else {
      renderSync(card, account);
    }
  }
}

// The request budget is saved over REST (the form posts without this script); the answer's budget is shown.
function enhanceBudget() {
  root.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('dvcs-account-budget')) return;
    event.preventDefault();
    const input = form.querySelector('input[name=requestBudget]');
    const button = form.querySelector('button[type=submit]');
    if (!input.reportValidity()) return;
    button.disabled = true;
    rest(`/accounts/${form.dataset.accountId}`, { method: 'PUT', body: { requestBudget: Number(input.value) } })
      .then((account) => {
        input.value = account.requestBudget.perHour;
        form.querySelector('.dvcs-budget-usage').textContent = account.requestBudget.usage;
        notify(`Saved: ${account.requestBudget.perHour} requests/hour for ${account.workspaceName}.`, true);
      })
      .catch((error) => notify(`Not saved: ${error.message}`, false))
      .finally(() => { button.disabled = false; });
  });
}

function poll() {
  clearTimeout(timer);
  rest('/accounts').then((accounts) => {
    const { vanished, finished } = changes(snapshot, accounts);
    vanished.forEach((id) => document.getElementById(`dvcs-account-${id}`)?.remove());
    const startedDeleting = accounts.some((a) => a.status === 'DELETING'
      && snapshot.find((b) => b.id === a.id)?.status !== 'DELETING');
    snapshot = accounts;
    if (finished || startedDeleting) {
      reloadKeepingFlash();
      return;
    }
    render(accounts);
    if (needsPolling(accounts)) timer = setTimeout(poll, pollDelay(accounts));
  }).catch(() => { timer = setTimeout(poll, POLL_MS * 5); });
}

// An avatar Bitbucket cannot serve becomes the neutral placeholder.
function hideBrokenAvatars() {
  root.addEventListener('error', (event) => {
    if (event.target instanceof HTMLImageElement && event.target.classList.contains('dvcs-avatar')) {
      const placeholder = document.createElement('span');
      placeholder.className = 'dvcs-avatar placeholder';
      event.target.replaceWith(placeholder);
    }
  }, true);
  for (const image of root.querySelectorAll('img.dvcs-avatar')) {
    if (image.complete && image.naturalWidth === 0) image.dispatchEvent(new Event('error'));
  }
}

if (root) {
  restoreFlash();
  hideBrokenAvatars();
  showTimes();
  enhanceOptions();
  enhanceBudget();
  // Start from what the page shows: work may have finished between rendering and this script.
  snapshot = renderedAccounts();
  rest('/accounts').then((accounts) => {
    enhanceDelete(accounts);
    if (needsPolling(snapshot) || needsPolling(accounts)) poll();
  }).catch(() => { /* The plain page still works. */ });
}
