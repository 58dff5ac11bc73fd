// The development dialog: tabs of commits, branches and pull requests, grouped by repository. Built with
// createElement and textContent only: nothing that came from Bitbucket is ever parsed as HTML.
import { relativeTime } from './format.js';
import {
  TABS, safeHttpUrl, message, groups, tabTotals, tabAfterKey, statusClass, initials, reviewersText, route, cutNote,
} from './devinfo-model.js';

/** An element with attributes (or properties for `className`) and children (strings become text nodes). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

/** A link to Bitbucket when the URL is http(s), plain text otherwise. */
function link(url, text, className) {
  const href = safeHttpUrl(url);
  if (!href) return el('span', { className }, text);
  return el('a', { href, className, target: '_blank', rel: 'noopener noreferrer' }, text);
}

/** The avatar image, or the initials when there is none or it does not load. */
function avatar(url, name) {
  const placeholder = () => el('span', { className: 'dvcs-avatar dvcs-avatar-initials', 'aria-hidden': 'true' }, initials(name));
  const src = safeHttpUrl(url);
  if (!src) return placeholder();
  const img = el('img', { className: 'dvcs-avatar', src, alt: '', width: 16, height: 16 });
  img.addEventListener('error', () => img.replaceWith(placeholder()), { once: true });
  return img;
}

function time(iso) {
  if (!iso) return el('span', {}, '');
  return el('time', { datetime: iso, title: iso }, relativeTime(new Date(iso), new Date()));
}

function table(headers, rows) {
  return el('table', { className: 'dvcs-devinfo-table' },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows));
}

/** The note that the server stored the text cut (as text), or nothing. */
function cut(item, m, limit) {
  const note = cutNote(item, limit, { 'dvcs.devinfo.cut': m('dvcs.devinfo.cut', '{0}', '{1}') });
  return note ? el('span', { className: 'dvcs-cut' }, ' ', note) : null;
}

const ROWS = {
  commits(items, m, limit) {
    return table([m('dvcs.devinfo.col.commit'), m('dvcs.devinfo.col.message'), m('dvcs.devinfo.col.author'),
      m('dvcs.devinfo.col.date')], items.map((c) => el('tr', { className: 'dvcs-commit' },
      el('td', {}, link(c.url, c.shortHash, 'dvcs-hash')),
      el('td', { className: 'dvcs-message', dir: 'auto' }, c.message,
        c.merge ? el('span', { className: 'dvcs-lozenge neutral' }, m('dvcs.devinfo.merge')) : null, cut(c, m, limit)),
      el('td', { className: 'dvcs-author' }, avatar(c.authorAvatarUrl, c.authorName), el('span', { dir: 'auto' }, c.authorName ?? '')),
      el('td', {}, time(c.date)))));
  },
  branches(items, m) {
    return table([m('dvcs.devinfo.col.branch'), m('dvcs.devinfo.col.lastcommit'), ''], items.map((b) => el('tr', { className: 'dvcs-branch' },
      el('td', { className: 'dvcs-branch-name', dir: 'auto' }, link(b.url, b.name)),
      el('td', {}, b.lastCommit ? [link(b.lastCommit.url, b.lastCommit.shortHash, 'dvcs-hash'), ' ',
        el('span', { className: 'dvcs-message', dir: 'auto' }, b.lastCommit.message), ' ', time(b.lastCommit.date)] : ''),
      el('td', {}, link(b.createPullRequestUrl, m('dvcs.devinfo.createpr'), 'dvcs-create-pr')))));
  },
  pullrequests(items, m, limit) {
    return table([m('dvcs.devinfo.col.pullrequest'), m('dvcs.devinfo.col.status'), m('dvcs.devinfo.col.reviewers'),
      m('dvcs.devinfo.col.comments'), m('dvcs.devinfo.col.updated')], items.map((p) => el('tr', { className: 'dvcs-pullrequest' },
      el('td', {}, link(p.url, `#${p.id} ${p.title}`, 'dvcs-pr-title'), cut(p, m, limit),
        el('div', { className: 'dvcs-pr-meta' }, avatar(p.authorAvatarUrl, p.authorName), el('span', { dir: 'auto' }, p.authorName ?? ''),
          ' \u00b7 ', el('span', { className: 'dvcs-route', dir: 'auto' }, route(p)))),
      el('td', {}, el('span', { className: `dvcs-lozenge ${statusClass(p.status)}` }, p.status)),
      el('td', { className: 'dvcs-reviewers', dir: 'auto' }, reviewersLine(p, m)),
      el('td', { className: 'dvcs-comments' }, String(p.commentCount)),
      el('td', {}, time(p.updated)))));
  },
};

function reviewersLine(pullRequest, m) {
  return reviewersText(pullRequest.reviewers, { 'dvcs.devinfo.approved': m('dvcs.devinfo.approved'),
    'dvcs.devinfo.noreviewers': m('dvcs.devinfo.noreviewers') });
}

function tabPanel(detail, tab, m) {
  const found = groups(detail, tab);
  if (found.length === 0) return el('p', { className: 'dvcs-devinfo-none' }, m(`dvcs.devinfo.none.${tab}`));
  return found.map(({ repository, section }) => el('section', { className: 'dvcs-repository', 'data-repository': repository.name },
    el('h3', {}, avatar(repository.avatarUrl, repository.name), link(repository.url, repository.name)),
    ROWS[tab](section.items, m, detail.storedTextLimit),
    section.total > section.items.length
      ? el('p', { className: 'dvcs-more' }, link(section.moreUrl, m('dvcs.devinfo.more', section.total))) : null));
}

/**
 * Opens the dialog on `tab`, loading the detail with `load()` (a promise of the REST detail); focus goes into
 * the dialog and back to `opener` when it closes (Esc, the close button, or a click on the backdrop).
 */
export function openDialog({ issueKey, messages, tab, load, opener }) {
  const m = (key, ...args) => message(messages, key, ...args);
  const titleId = 'dvcs-devinfo-dialog-title';
  const close = el('button', { type: 'button', className: 'dvcs-dialog-close', id: 'dvcs-devinfo-close' }, m('dvcs.devinfo.dialog.close'));
  const body = el('div', { className: 'dvcs-dialog-body', id: 'dvcs-devinfo-body' });
  const dialog = el('dialog', { className: 'dvcs-devinfo-dialog', id: 'dvcs-devinfo-dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
    el('header', {}, el('h2', { id: titleId }, m('dvcs.devinfo.dialog.title', issueKey)), close), body);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener?.focus();
  });
  document.body.append(dialog);
  dialog.showModal(); // modal: focus stays inside, Esc closes

  const show = () => {
    body.replaceChildren(el('p', { className: 'dvcs-devinfo-loading', role: 'status' }, m('dvcs.devinfo.dialog.loading')));
    body.setAttribute('aria-busy', 'true');
    load().then((detail) => {
      body.removeAttribute('aria-busy');
      body.replaceChildren(...tabs(detail, tab, m));
      body.querySelector('[role="tab"][aria-selected="true"]')?.focus();
    }, () => {
      body.removeAttribute('aria-busy');
      const retry = el('button', { type: 'button', className: 'button', id: 'dvcs-devinfo-retry' }, m('dvcs.devinfo.dialog.retry'));
      retry.addEventListener('click', show);
      body.replaceChildren(el('div', { className: 'dvcs-devinfo-error', role: 'alert' }, m('dvcs.devinfo.dialog.failed'), ' ', retry));
      retry.focus();
    });
  };
  show();
  return dialog;
}

/** The tablist and its three panels (WAI-ARIA tabs: roving tabindex, arrows, Home and End). */
function tabs(detail, initial, m) {
  const totals = tabTotals(detail);
  const list = el('div', { role: 'tablist', className: 'dvcs-tabs', 'aria-label': m('dvcs.devinfo.title') });
  const panels = [];
  const buttons = {};
  for (const tab of TABS) {
    buttons[tab] = el('button', { type: 'button', role: 'tab', id: `dvcs-tab-${tab}`, 'aria-controls': `dvcs-tabpanel-${tab}`, 'data-tab': tab },
      m(`dvcs.devinfo.tab.${tab}`), ' ', el('span', { className: 'dvcs-tab-count' }, String(totals[tab])));
    list.append(buttons[tab]);
    panels.push(el('div', { role: 'tabpanel', id: `dvcs-tabpanel-${tab}`, 'aria-labelledby': `dvcs-tab-${tab}`, tabindex: 0, className: 'dvcs-tabpanel' },
      tabPanel(detail, tab, m)));
  }
  const select = (tab, focus) => {
    for (const t of TABS) {
      const selected = t === tab;
      buttons[t].setAttribute('aria-selected', String(selected));
      buttons[t].tabIndex = selected ? 0 : -1;
      panels[TABS.indexOf(t)].hidden = !selected;
    }
    if (focus) buttons[tab].focus();
  };
  list.addEventListener('click', (event) => {
    const button = event.target.closest('[role="tab"]');
    if (button) select(button.dataset.tab, true);
  });
  list.addEventListener('keydown', (event) => {
    const current = TABS.find((t) => buttons[t].getAttribute('aria-selected') === 'true');
    const next = tabAfterKey(current, event.key);
    if (next) {
      event.preventDefault();
      select(next, true);
    }
  });
  select(TABS.includes(initial) ? initial : TABS[0], false);
  return [list, ...panels];
}
