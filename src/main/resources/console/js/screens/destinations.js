import { api, enc, query } from '../api.js';
import { h, field, select, table, errorBox, empty, badge, time, notDeployed, secretBox } from '../dom.js';

/** Destinations (DESIGN §9): delivery health, deliveries, attempts and replay. */
export function render(main, ctx) {
  return ctx.params[0] ? detail(main, ctx) : list(main, ctx);
}

async function health(base, id) {
  const page = await api.get(`${base}/${enc(id)}/deliveries?limit=100`);
  const count = { DELIVERED: 0, PENDING: 0, FAILED: 0 };
  page.items.forEach((d) => { count[d.status] = (count[d.status] || 0) + 1; });
  return `${count.DELIVERED} delivered · ${count.PENDING} pending · ${count.FAILED} failed (last ${page.items.length})`;
}

function list(main, { org }) {
  const base = `/orgs/${enc(org)}/destinations`;
  const out = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const secret = h('div', { 'aria-live': 'polite' });
  const name = h('input', { name: 'name', required: true });
  const url = h('input', { name: 'url', type: 'url', required: true, placeholder: 'https://crm.example.com/hooks/tidings' });
  const events = h('input', { name: 'events', value: '*' });
  const filter = h('input', { name: 'filter', placeholder: 'event.room_nights >= 2' });
  const ordering = select(['NONE', 'PER_CUSTOMER'], 'NONE', { name: 'ordering' });
  const createOut = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'panel' }, h('h2', {}, 'Add a webhook destination'),
    h('div', { class: 'row' }, field('Destination name', name), field('URL', url), field('Events (comma separated, * for all)', events),
      field('Filter (CEL, optional)', filter), field('Ordering', ordering)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create destination')), createOut);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const d = await api.post(base, { name: name.value.trim(), type: 'WEBHOOK', url: url.value.trim(),
        events: events.value.split(',').map((s) => s.trim()).filter(Boolean), filter: filter.value.trim() || undefined, ordering: ordering.value });
      if (d.secret) secret.replaceChildren(secretBox(`Signing secret of ${d.name}`, d.secret, 'Shown once: the receiver verifies webhook-signature with it.'));
      createOut.replaceChildren();
      load();
    } catch (err) { createOut.replaceChildren(errorBox(err, err.notDeployed ? 'Destinations are not available on this server' : 'Not created')); }
  });
  async function load() {
    try {
      const page = await api.get(base);
      if (page.items.length === 0) { out.replaceChildren(empty('No destinations yet: add one to send processed events out.')); return; }
      const rows = page.items.map((d) => {
        const cell = h('td', {}, '…');
        health(base, d.id).then((t) => { cell.textContent = t; }).catch((err) => { cell.textContent = err.message; });
        return h('tr', {}, h('td', {}, h('a', { href: `#/o/${enc(org)}/destinations/${enc(d.id)}` }, d.name)), h('td', {}, d.type),
          h('td', {}, h('code', {}, d.url || d.topic || '')), h('td', {}, badge(d.status), d.disabledReason ? ' ' + d.disabledReason : ''), cell);
      });
      out.replaceChildren(table(['Destination', 'Type', 'Target', 'Status', 'Delivery health'], rows, 'Destinations'));
    } catch (err) { out.replaceChildren(err.notDeployed ? notDeployed('Destinations', '§9') : errorBox(err, 'Cannot list destinations')); }
  }
  main.append(h('h1', {}, 'Destinations'), secret, out, form);
  load();
}

function detail(main, { org, params }) {
  const base = `/orgs/${enc(org)}/destinations/${enc(params[0])}`;
  const head = h('div', {});
  const status = select([['', 'All'], 'PENDING', 'DELIVERED', 'FAILED'], '', { name: 'status' });
  const rid = h('input', { name: 'requestId', value: params[1] || '' });
  const deliveries = h('div', { id: 'deliveries' });
  const attempts = h('div', { 'aria-live': 'polite', id: 'attempts' });
  const replayOut = h('div', { 'aria-live': 'polite', id: 'replay-out' });
  const filters = h('form', { class: 'row' }, field('Delivery status', status), field('Request id', rid), h('div', {}, h('button', { type: 'submit' }, 'Show')));
  filters.addEventListener('submit', (e) => { e.preventDefault(); loadDeliveries(); });
  async function replay(body) {
    try { const r = await api.post(base + '/replay', body); replayOut.replaceChildren(h('p', { role: 'status' }, `Queued ${r.queued} deliver${r.queued === 1 ? 'y' : 'ies'} again.`)); loadDeliveries(); }
    catch (err) { replayOut.replaceChildren(errorBox(err, 'Not replayed')); }
  }
  async function showAttempts(d) {
    try {
      const r = await api.get(`${base}/deliveries/${enc(d.deliveryId)}/attempts`);
      const items = r.items || r.attempts || [];
      attempts.replaceChildren(h('h2', {}, 'Attempts of ' + d.deliveryId), items.length === 0 ? empty('No attempt yet.')
        : table(['At', 'HTTP status or error', 'Duration', 'Response'], items.map((a) => h('tr', {}, h('td', {}, time(a.at)),
          h('td', {}, a.status !== undefined && a.status !== null ? String(a.status) : (a.error || '—')), h('td', {}, a.durationMs !== undefined ? a.durationMs + ' ms' : '—'),
          h('td', { class: 'mono' }, a.response || a.body || ''))), 'Attempts'));
    } catch (err) { attempts.replaceChildren(errorBox(err, 'Cannot read attempts')); }
  }
  async function loadDeliveries() {
    try {
      const page = await api.get(base + '/deliveries' + query({ status: status.value, requestId: rid.value.trim(), limit: 100 }));
      deliveries.replaceChildren(page.items.length === 0 ? empty('No deliveries match.')
        : table(['Request', 'Status', 'Attempts', 'Last attempt', 'Next attempt', 'Last response', ''], page.items.map((d) => h('tr', {},
          h('td', {}, h('a', { href: `#/o/${enc(org)}/requests/${enc(d.requestId)}` }, d.requestId)), h('td', {}, badge(d.status)), h('td', {}, d.attempts),
          h('td', {}, time(d.lastAttemptAt)), h('td', {}, time(d.nextAttemptAt)),
          h('td', { class: 'mono' }, d.lastResponse ? `${d.lastResponse.status} in ${d.lastResponse.durationMs} ms ${d.lastResponse.body || ''}` : '—'),
          h('td', {}, h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => showAttempts(d) }, 'Attempts'),
            d.status === 'FAILED' ? h('button', { type: 'button', onclick: () => replay({ requestIds: [d.requestId] }) }, 'Replay') : null)))), 'Deliveries'));
    } catch (err) { deliveries.replaceChildren(err.notDeployed ? notDeployed('Deliveries', '§9') : errorBox(err, 'Cannot read deliveries')); }
  }
  async function act(verb) {
    try { const d = await api.post(`${base}/${verb}`); if (d.secret) replayOut.replaceChildren(secretBox('New signing secret', d.secret)); loadHead(); }
    catch (err) { replayOut.replaceChildren(errorBox(err, `Could not ${verb}`)); }
  }
  async function loadHead() {
    try {
      const d = await api.get(base);
      head.replaceChildren(h('h1', {}, 'Destination ' + d.name), h('p', {}, badge(d.status), ' ', d.disabledReason || '', ' ', h('code', {}, d.url || d.topic || '')),
        h('p', { class: 'muted' }, 'Health: ', h('span', { id: 'health' }, '…')),
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => replay({ status: 'FAILED' }) }, 'Replay all failed'),
          d.status === 'ENABLED' ? h('button', { type: 'button', class: 'danger', onclick: () => act('disable') }, 'Disable') : h('button', { type: 'button', onclick: () => act('enable') }, 'Enable'),
          h('button', { type: 'button', onclick: () => act('rotate-secret') }, 'Rotate secret')));
      health(`/orgs/${enc(org)}/destinations`, params[0]).then((t) => { head.querySelector('#health').textContent = t; }).catch(() => {});
    } catch (err) { head.replaceChildren(h('h1', {}, 'Destination'), err.notDeployed ? notDeployed('Destinations', '§9') : errorBox(err, 'Cannot read the destination')); }
  }
  main.append(head, h('p', {}, h('a', { href: `#/o/${enc(org)}/destinations` }, '← All destinations')), replayOut, filters, deliveries, attempts);
  loadHead();
  loadDeliveries();
}
