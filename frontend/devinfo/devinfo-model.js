// Pure logic of the development panel's dialog: no DOM, so node tests cover it.

export const TABS = ['commits', 'branches', 'pullrequests'];

/** The URL when it is absolute http(s); null for anything else (javascript:, data:, relative, garbage). */
export function safeHttpUrl(url) {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** `{0}`-style placeholders filled in; a missing message shows its key, as the server does. */
export function message(messages, key, ...args) {
  const text = messages?.[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (whole, i) => (args[Number(i)] === undefined ? whole : String(args[Number(i)])));
}

/**
 * "(cut at 65,536 of 10,485,760 characters)" when the server stored a commit's message or a pull request's title cut
 * (`messageTruncated` / `titleTruncated` with the full length), else null.
 */
export function cutNote(item, limit, messages) {
  const length = item?.messageTruncated ? item.messageLength : item?.titleTruncated ? item.titleLength : null;
  if (length === null || length === undefined) return null;
  const number = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : '?');
  return message(messages, 'dvcs.devinfo.cut', number(limit), number(length));
}

/** The section of one tab in a repository of the REST detail. */
export function sectionOf(repository, tab) {
  if (tab === 'commits') return repository.commits;
  if (tab === 'branches') return repository.branches;
  return repository.pullRequests;
}

/** The repositories that have something for `tab`, each with its section, in the server's order. */
export function groups(detail, tab) {
  return (detail?.repositories ?? [])
    .map((repository) => ({ repository, section: sectionOf(repository, tab) }))
    .filter((g) => g.section && g.section.total > 0);
}

/** How many items each tab has across repositories (totals, not just the ones sent). */
export function tabTotals(detail) {
  const totals = {};
  for (const tab of TABS) totals[tab] = groups(detail, tab).reduce((n, g) => n + g.section.total, 0);
  return totals;
}

/** The tab a key moves to in a tablist (arrows wrap, Home/End jump); null for other keys. */
export function tabAfterKey(current, key) {
  const i = TABS.indexOf(current);
  switch (key) {
    case 'ArrowRight': return TABS[(i + 1) % TABS.length];
    case 'ArrowLeft': return TABS[(i - 1 + TABS.length) % TABS.length];
    case 'Home': return TABS[0];
    case 'End': return TABS[TABS.length - 1];
    default: return null;
  }
}

/** The CSS modifier of a pull request's state lozenge (anything unknown looks neutral). */
export function statusClass(status) {
  const known = { OPEN: 'open', MERGED: 'merged', DECLINED: 'declined', SUPERSEDED: 'superseded' };
  return known[status] ?? 'neutral';
}

/** One or two letters for an avatar placeholder. */
export function initials(name) {
  const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = Array.from(words[0])[0];
  const last = words.length > 1 ? Array.from(words[words.length - 1])[0] : '';
  return (first + last).toUpperCase();
}

/** "Alice ✓, Bob": reviewers with their approvals. */
export function reviewersText(reviewers, messages) {
  if (!reviewers || reviewers.length === 0) return message(messages, 'dvcs.devinfo.noreviewers');
  const approved = message(messages, 'dvcs.devinfo.approved');
  return reviewers.map((r) => (r.approved ? `${r.name} (${approved})` : r.name)).join(', ');
}

/** "feature/x → main" */
export function route(pullRequest) {
  return `${pullRequest.source ?? '?'} \u2192 ${pullRequest.destination ?? '?'}`;
}
