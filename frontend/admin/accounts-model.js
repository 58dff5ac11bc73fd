// Pure helpers for the accounts page: what to show, and whether to keep polling. No DOM here.

const BUSY_DISCOVERY = new Set(['QUEUED', 'RUNNING']);

const BUSY_POLL_MS = 2000;
const PENDING_POLL_MS = 15000;

/** True while a sync of the account runs or is queued (the page then follows it closely). */
function syncBusy(account) {
  const sync = account.sync || {};
  return (Number(sync.queued) || 0) + (Number(sync.running) || 0) > 0;
}

/** True while the account's syncs have work left: queued, running, paused, or older history filling in. */
function syncPending(account) {
  const sync = account.sync || {};
  return syncBusy(account) || Number(sync.paused) > 0 || Number(sync.historyPending) > 0;
}

/** True while something on the page is still changing in the background. */
export function needsPolling(accounts) {
  return accounts.some((a) => a.status === 'DELETING' || BUSY_DISCOVERY.has(a.discoveryState) || syncPending(a));
}

/**
 * How long to wait before looking again: soon while a deletion, a discovery or a sync is under way, less often
 * while the syncs only wait (a pause lasts until the budget allows; a turn of older history comes round).
 */
export function pollDelay(accounts) {
  const busy = accounts.some((a) => a.status === 'DELETING' || BUSY_DISCOVERY.has(a.discoveryState) || syncBusy(a));
  return busy ? BUSY_POLL_MS : PENDING_POLL_MS;
}

/** What a repository row's sync line says and how it is styled: its text and its state (a pause is no error). */
export function syncLine(repository) {
  if (!repository || !repository.sync) return null;
  return { text: String(repository.syncText ?? ''), state: String(repository.sync.state ?? '') };
}

/** "42% (21 / 50)" for a deletion in progress. */
export function deletionText(deletion) {
  if (!deletion) return '';
  const total = Math.max(0, Number(deletion.total) || 0);
  const done = Math.min(total, Math.max(0, Number(deletion.done) || 0));
  const percent = total === 0 ? 0 : Math.floor((100 * done) / total);
  return `${percent}% (${done} / ${total})`;
}

/** What the delete dialog says will go. */
export function deletionSummary(account) {
  const repositories = account.repositories?.length ?? 0;
  const noun = repositories === 1 ? 'repository' : 'repositories';
  return `This removes ${account.workspaceName} and its ${repositories} ${noun}, with all their commits, `
    + 'branches and pull requests, from this site. Bitbucket keeps everything.';
}

/**
 * Compares two snapshots of GET /accounts: which accounts vanished (deleted) and whether any
 * discovery finished (the page then reloads to show the repositories).
 */
export function changes(before, after) {
  const afterIds = new Set(after.map((a) => a.id));
  const vanished = before.filter((a) => !afterIds.has(a.id)).map((a) => a.id);
  const finished = after.some((a) => {
    const old = before.find((b) => b.id === a.id);
    return old && BUSY_DISCOVERY.has(old.discoveryState) && !BUSY_DISCOVERY.has(a.discoveryState);
  });
  return { vanished, finished };
}

/** The message of a REST error body: {message} or {errors:{field:message}}. */
export function errorMessage(body, status) {
  if (body && typeof body.message === 'string') return body.message;
  if (body && body.errors && typeof body.errors === 'object') {
    const messages = Object.values(body.errors).filter((m) => typeof m === 'string');
    if (messages.length) return messages.join(' ');
  }
  return `The server answered ${status}.`;
}
