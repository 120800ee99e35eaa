import { api, enc, query } from '../api.js';
import { h, field, select, table, errorBox, empty, time } from '../dom.js';

const IDS = ['', 'MOBILE', 'EMAIL', 'EXTERNAL_ID', 'USER_ID', 'CARD_NUMBER'];

/** Stored events by event, customer, time, duplicate flag and attribute values (GET …/event-data). */
export function render(main, { org }) {
  const eventName = select([['', 'All events']], '', { name: 'eventName' });
  const idType = select(IDS.map((s) => [s, s || 'any']), '', { name: 'identifierType' });
  const idValue = h('input', { name: 'customer' });
  const from = h('input', { name: 'from', placeholder: '2024-04-11 00:00:00' });
  const to = h('input', { name: 'to', placeholder: '2024-04-12' });
  const duplicate = select([['', 'either'], ['true', 'duplicates only'], ['false', 'not duplicates']], '', { name: 'duplicate' });
  const attrs = h('input', { name: 'attrs', placeholder: 'hotel_name=Indiranagar, room_nights=12' });
  const out = h('div', { 'aria-live': 'polite', id: 'search-results' });
  const more = h('button', { type: 'button', hidden: true }, 'Load more');
  let cursor = null;
  let rows = [];
  api.get(`/orgs/${enc(org)}/events?limit=200`).then((p) => p.items.forEach((d) => eventName.append(h('option', { value: d.name }, d.name)))).catch(() => {});

  function params() {
    const p = { eventName: eventName.value, from: from.value.trim(), to: to.value.trim(), duplicate: duplicate.value, limit: 50 };
    if (idValue.value.trim()) p.customer = (idType.value || 'MOBILE') + ':' + idValue.value.trim();
    attrs.value.split(',').map((s) => s.trim()).filter(Boolean).forEach((pair) => {
      const i = pair.indexOf('=');
      if (i > 0) p['attr.' + pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    });
    return p;
  }
  async function run(next) {
    try {
      const page = await api.get(`/orgs/${enc(org)}/event-data` + query({ ...params(), cursor: next ? cursor : undefined }));
      rows = next ? rows.concat(page.items) : page.items;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      out.replaceChildren(rows.length === 0 ? empty('No stored event matches.') : h('div', {}, h('p', { role: 'status' }, `${rows.length} event${rows.length === 1 ? '' : 's'}${cursor ? ' (more available)' : ''}`),
        table(['Event time', 'Event', 'Customer', 'Flags', 'Attributes', 'Request'], rows.map((ev) => h('tr', {},
          h('td', {}, time(ev.eventDateTime)), h('td', {}, ev.eventName),
          h('td', {}, ev.customer && ev.customer.identifierValue ? h('a', { href: `#/o/${enc(org)}/customers/${enc(ev.customer.identifierType)}/${enc(ev.customer.identifierValue)}` }, `${ev.customer.identifierType} ${ev.customer.identifierValue}`) : '—'),
          h('td', {}, [ev.isDuplicate ? 'duplicate' : '', ev.test ? 'test' : ''].filter(Boolean).join(', ') || '—'),
          h('td', { class: 'mono' }, Object.entries(ev.attributes || {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ')),
          h('td', {}, h('a', { href: `#/o/${enc(org)}/requests/${enc(ev.requestId)}` }, 'Timeline')))), 'Stored events')));
    } catch (err) { out.replaceChildren(errorBox(err, 'Search failed')); }
  }
  const form = h('form', { class: 'panel', role: 'search' },
    h('div', { class: 'row' }, field('Event', eventName), field('Customer identifier type', idType), field('Customer identifier', idValue),
      field('From', from), field('To', to), field('Duplicate', duplicate)),
    field('Attribute values', attrs, 'name=value pairs, comma separated; all must match.'),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Search')));
  form.addEventListener('submit', (e) => { e.preventDefault(); run(false); });
  more.addEventListener('click', () => run(true));
  main.append(h('h1', {}, 'Event search'), form, out, h('div', { class: 'actions' }, more));
  run(false);
}
