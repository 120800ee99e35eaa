import { api, enc, query, ApiError } from '../api.js';
import { h, field, select, table, errorBox, empty, badge, time, clear } from '../dom.js';

const STATUSES = ['', 'RECEIVED', 'PROCESSED', 'DUPLICATE', 'FAILED', 'REJECTED'];
const PAGE = 100;
const MAX_ROWS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every request, unsampled and newest first, updated every 1.5 s: each poll pages back through the
 * log until it meets a request it already shows, so a burst between two polls is shown whole.
 */
export function render(main, { org, go }) {
  const rows = new Map(); // requestId → request, newest first by receipt
  let olderCursor = null;
  let stopped = false;
  let paused = false;
  let timer = null;
  const eventName = select([['', 'All events']], '', { name: 'eventName' });
  const status = select(STATUSES.map((s) => [s, s || 'All statuses']), '', { name: 'status' });
  const searchBox = h('input', { name: 'search', type: 'search', placeholder: 'request id, or attribute=value', autocomplete: 'off' });
  const pause = h('button', { type: 'button', 'aria-pressed': 'false' }, 'Pause updates');
  const info = h('p', { class: 'muted', id: 'live-info', role: 'status' }, 'Loading…');
  const results = h('div', { 'aria-live': 'polite' });
  const body = h('div', {});
  const more = h('button', { type: 'button', hidden: true }, 'Load older requests');
  const searchForm = h('form', { class: 'row', role: 'search' }, field('Search by request id or attribute', searchBox,
    'A request id opens its timeline; name=value finds stored events with that attribute value.'),
    h('div', {}, h('button', { type: 'submit' }, 'Search')));

  api.get(`/orgs/${enc(org)}/events?limit=200`).then((page) => page.items.forEach((d) => eventName.append(h('option', { value: d.name }, d.name)))).catch(() => {});

  function reset() { rows.clear(); olderCursor = null; clear(body); poll(true); }
  eventName.addEventListener('change', reset);
  status.addEventListener('change', reset);
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume updates' : 'Pause updates';
    if (!paused) poll();
  });
  more.addEventListener('click', async () => {
    try {
      const page = await api.get(`/orgs/${enc(org)}/logs` + query({ limit: PAGE, cursor: olderCursor, eventName: eventName.value, status: status.value }));
      page.items.forEach((r) => { if (!rows.has(r.requestId)) rows.set(r.requestId, r); });
      olderCursor = page.nextCursor;
      draw();
    } catch (err) { results.replaceChildren(errorBox(err, 'Cannot load older requests')); }
  });
  searchForm.addEventListener('submit', (e) => { e.preventDefault(); search(searchBox.value.trim()); });

  async function search(text) {
    if (!text) { results.replaceChildren(); return; }
    if (UUID.test(text)) { go(`#/o/${enc(org)}/requests/${enc(text)}`); return; }
    const eq = text.indexOf('=');
    if (eq <= 0) { results.replaceChildren(errorBox({ message: 'Type a request id, or attribute=value (e.g. hotel_name=Indiranagar).' })); return; }
    const params = { limit: 50, eventName: eventName.value };
    params['attr.' + text.slice(0, eq).trim()] = text.slice(eq + 1).trim();
    try {
      const page = await api.get(`/orgs/${enc(org)}/event-data` + query(params));
      results.replaceChildren(h('h2', {}, `Stored events with ${text}`), page.items.length === 0 ? empty('No stored event matches ' + text + '.')
        : table(['Event time', 'Event', 'Customer', 'Request'], page.items.map((ev) => h('tr', {},
          h('td', {}, time(ev.eventDateTime)), h('td', {}, ev.eventName),
          h('td', {}, ev.customer && ev.customer.identifierValue ? `${ev.customer.identifierType} ${ev.customer.identifierValue}` : '—'),
          h('td', {}, h('a', { href: `#/o/${enc(org)}/requests/${enc(ev.requestId)}` }, ev.requestId)))), 'Search results'));
    } catch (err) { results.replaceChildren(errorBox(err, 'Search failed')); }
  }

  async function poll(first) {
    clearTimeout(timer);
    if (stopped) return;
    try {
      const filters = { eventName: eventName.value, status: status.value };
      let cursor = null;
      const fresh = [];
      for (let pages = 0; pages < MAX_ROWS / PAGE; pages++) {
        const page = await api.get(`/orgs/${enc(org)}/logs` + query({ limit: PAGE, cursor, ...filters }));
        let metKnown = false;
        for (const r of page.items) { if (rows.has(r.requestId)) metKnown = true; fresh.push(r); }
        cursor = page.nextCursor;
        if (first && pages === 0) olderCursor = cursor;
        if (metKnown || !cursor || first) break;
        if (!olderCursor) olderCursor = cursor;
      }
      const merged = new Map();
      fresh.forEach((r) => merged.set(r.requestId, r));
      rows.forEach((r, id) => { if (!merged.has(id)) merged.set(id, r); });
      rows.clear();
      [...merged.values()].slice(0, MAX_ROWS).forEach((r) => rows.set(r.requestId, r));
      draw();
      info.textContent = `${rows.size} request${rows.size === 1 ? '' : 's'} shown, every one received (no sampling) · updated ${new Date().toLocaleTimeString()}${paused ? ' · paused' : ''}`;
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) info.textContent = 'Server not answering; retrying…';
      else if (err.status !== 401) results.replaceChildren(errorBox(err, 'Cannot read the request log'));
    }
    if (!stopped && !paused) timer = setTimeout(() => poll(false), 1500);
  }

  function draw() {
    more.hidden = !olderCursor;
    if (rows.size === 0) {
      body.replaceChildren(empty('No requests yet' + (eventName.value || status.value ? ' matching these filters' : '')
        + '. Post an event to one of this org\'s webhooks and it appears here at once.'));
      return;
    }
    body.replaceChildren(table(['Received', 'Event', 'Status', 'Request id', 'Detail'], [...rows.values()].map((r) => h('tr', { 'data-request': r.requestId },
      h('td', {}, time(r.receivedAt)), h('td', {}, r.eventName || '—'),
      h('td', {}, badge(r.status), r.test ? [' ', badge('TEST')] : null),
      h('td', {}, h('a', { href: `#/o/${enc(org)}/requests/${enc(r.requestId)}`, class: 'mono' }, r.requestId)),
      h('td', {}, r.reason || (r.errors && r.errors.length ? r.errors.map((e) => e.message).join('; ') : '')))), 'Requests'));
  }

  main.append(h('h1', {}, 'Live requests'), searchForm, results,
    h('div', { class: 'row' }, field('Event', eventName), field('Status', status), h('div', {}, pause)), info, body,
    h('div', { class: 'actions' }, more));
  poll(true);
  return () => { stopped = true; clearTimeout(timer); };
}
